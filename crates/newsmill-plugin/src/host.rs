//! The host side: one interface over built-in and loaded extractors
//! ([`DynExtractor`], made by a [`Factory`]) and the library loader
//! ([`Plugin::load`]). The sink that collects one extractor's output for
//! one document ([`HostSink`]) lives in the SDK, where the testing helper
//! uses it too.

use std::ffi::c_void;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use newsmill_core::Vocab;

use newsmill_sdk::abi::{
    ABI_VERSION, DESCRIPTOR_SYMBOL, NmDescriptor, NmDocView, NmEmit, NmEmitter, NmHost, NmSizes,
    NmStr,
};
pub use newsmill_sdk::glue::panic_message;
pub use newsmill_sdk::sink::{EmitCtx, HostSink};
use newsmill_sdk::{DocView, Extractor, Setup, slice_from};

/// Where an extractor comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Linked into newsmill.
    Builtin,
    /// Loaded from this shared library.
    Library(PathBuf),
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Builtin => f.write_str("built-in"),
            Origin::Library(p) => write!(f, "{}", p.display()),
        }
    }
}

/// Name, version and wiring of an extractor, known before it is created.
///
/// ```
/// let info = newsmill_plugin::host::ExtractorInfo::from_parts("money", "0.1.0", "tokens", "", "", newsmill_plugin::host::Origin::Builtin);
/// assert_eq!(info.provides, ["money"]);
/// assert_eq!(info.requires, ["tokens"]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExtractorInfo {
    /// Unique name; key of its output in the record.
    pub name: String,
    /// Its version.
    pub version: String,
    /// Layers it needs.
    pub requires: Vec<String>,
    /// Layers it uses when there (`name?` in its requirements): it runs
    /// after them, and also without them.
    pub uses: Vec<String>,
    /// Layers it provides (its own name first).
    pub provides: Vec<String>,
    /// One line of description.
    pub description: String,
    /// The newsmill-sdk version it was built with.
    pub sdk_version: String,
    /// Languages it reads (ISO 639-1 codes), or `["*"]` for any.
    pub languages: Vec<String>,
    /// Built in, or loaded from where.
    pub origin: Origin,
}

fn split_list(s: &str) -> Vec<String> {
    s.split(',')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

impl ExtractorInfo {
    /// Info from the trait constants' form (comma-separated lists).
    pub fn from_parts(
        name: &str,
        version: &str,
        requires: &str,
        provides: &str,
        description: &str,
        origin: Origin,
    ) -> ExtractorInfo {
        let mut p = vec![name.to_string()];
        p.extend(split_list(provides).into_iter().filter(|x| x != name));
        let (uses, requires): (Vec<String>, Vec<String>) = split_list(requires)
            .into_iter()
            .partition(|r| r.ends_with('?'));
        let uses = uses
            .into_iter()
            .map(|r| r.trim_end_matches('?').trim().to_string())
            .filter(|r| !r.is_empty())
            .collect();
        ExtractorInfo {
            name: name.to_string(),
            version: version.to_string(),
            requires,
            uses,
            provides: p,
            description: description.to_string(),
            sdk_version: env!("CARGO_PKG_VERSION").to_string(),
            languages: vec!["en".to_string()],
            origin,
        }
    }

    /// The same info reading `languages` (comma-separated ISO 639-1 codes,
    /// or `*`); an empty list means the default, `en`.
    ///
    /// ```
    /// use newsmill_plugin::host::{ExtractorInfo, Origin};
    /// let info = ExtractorInfo::from_parts("x", "1", "", "", "", Origin::Builtin).with_languages("de, fr");
    /// assert_eq!(info.languages, ["de", "fr"]);
    /// assert!(info.reads("fr") && !info.reads("en"));
    /// assert!(info.clone().with_languages("*").reads("ja"));
    /// ```
    pub fn with_languages(mut self, languages: &str) -> ExtractorInfo {
        let list: Vec<String> = split_list(languages)
            .into_iter()
            .map(|c| c.to_ascii_lowercase())
            .collect();
        self.languages = if list.is_empty() {
            vec!["en".to_string()]
        } else if list.iter().any(|c| c == "*") {
            vec!["*".to_string()]
        } else {
            list
        };
        self
    }

    /// Whether it reads articles in language `code`.
    pub fn reads(&self, code: &str) -> bool {
        self.languages.iter().any(|l| l == "*" || l == code)
    }

    /// Whether it reads any language (`*`).
    pub fn reads_any(&self) -> bool {
        self.languages.iter().any(|l| l == "*")
    }
}

/// A created extractor, built-in or loaded: what the engine runs.
pub trait DynExtractor: Send + Sync {
    /// Its info.
    fn info(&self) -> &ExtractorInfo;
    /// Process one document into `sink`; `Err` is the message for the
    /// record (panics are caught and reported here too).
    fn process(&self, doc: &DocView<'_>, sink: &mut HostSink) -> Result<(), String>;
}

/// Something that can make an extractor: a built-in type or a loaded
/// library.
pub trait Factory: Send + Sync {
    /// What it will make.
    fn info(&self) -> &ExtractorInfo;
    /// Make it, with its configuration object, resolving names in `vocab`.
    fn create(
        &self,
        config: &serde_json::Value,
        vocab: &mut Vocab,
    ) -> Result<Box<dyn DynExtractor>, PluginError>;
}

/// Errors of loading and creating extractors. Each names the library or
/// the extractor.
#[derive(Debug, thiserror::Error)]
pub enum PluginError {
    /// The file could not be loaded as a shared library.
    #[error("{path}: not a loadable plugin library: {message}")]
    NotALibrary {
        /// The file.
        path: String,
        /// The loader's message.
        message: String,
    },
    /// The library does not export the descriptor.
    #[error(
        "{path}: no newsmill plugin descriptor (symbol NEWSMILL_PLUGIN); was it built with newsmill_plugin::export_extractor!?"
    )]
    NoDescriptor {
        /// The file.
        path: String,
    },
    /// ABI versions differ.
    #[error(
        "{path}: plugin ABI version {found}, but this newsmill speaks ABI version {expected}; rebuild the plugin against newsmill-sdk with ABI {expected}"
    )]
    AbiVersion {
        /// The file.
        path: String,
        /// The plugin's version.
        found: u32,
        /// Ours.
        expected: u32,
    },
    /// A shared struct has another size.
    #[error(
        "{path}: struct {what} is {found} bytes in the plugin but {expected} here (same ABI version {abi}, mismatched build)"
    )]
    StructSize {
        /// The file.
        path: String,
        /// The struct.
        what: &'static str,
        /// Plugin's size.
        found: u32,
        /// Our size.
        expected: u32,
        /// The ABI version.
        abi: u32,
    },
    /// The plugin's info is unusable.
    #[error("{path}: bad plugin info: {message}")]
    BadInfo {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// The extractor refused its configuration or failed to start.
    #[error("extractor {name}: cannot create: {message}")]
    Create {
        /// The extractor.
        name: String,
        /// Its message.
        message: String,
    },
}

// ---------------------------------------------------------------------
// Built-in extractors

/// A built-in extractor type, as a [`Factory`].
///
/// ```
/// # use newsmill_plugin::{DocView, Emitter, Error, Extractor, Setup};
/// # struct Nothing;
/// # impl Extractor for Nothing {
/// #     const NAME: &'static str = "nothing";
/// #     const VERSION: &'static str = "1";
/// #     fn create(_: &mut Setup<'_>) -> Result<Self, Error> { Ok(Nothing) }
/// #     fn process(&self, _: &DocView<'_>, _: &mut Emitter<'_>) -> Result<(), Error> { Ok(()) }
/// # }
/// use newsmill_plugin::host::{Builtin, Factory};
/// let f = Builtin::<Nothing>::new();
/// assert_eq!(f.info().name, "nothing");
/// ```
pub struct Builtin<E: Extractor> {
    info: ExtractorInfo,
    _e: std::marker::PhantomData<fn() -> E>,
}

impl<E: Extractor> Default for Builtin<E> {
    fn default() -> Self {
        Self::new()
    }
}

impl<E: Extractor> Builtin<E> {
    /// The factory of `E`.
    pub fn new() -> Self {
        Builtin {
            info: ExtractorInfo::from_parts(
                E::NAME,
                E::VERSION,
                E::REQUIRES,
                E::PROVIDES,
                E::DESCRIPTION,
                Origin::Builtin,
            )
            .with_languages(E::LANGUAGES),
            _e: std::marker::PhantomData,
        }
    }
}

struct BuiltinInstance<E: Extractor> {
    info: ExtractorInfo,
    inner: E,
}

impl<E: Extractor> Factory for Builtin<E> {
    fn info(&self) -> &ExtractorInfo {
        &self.info
    }

    fn create(
        &self,
        config: &serde_json::Value,
        vocab: &mut Vocab,
    ) -> Result<Box<dyn DynExtractor>, PluginError> {
        let created = catch_unwind(AssertUnwindSafe(|| {
            let mut setup = Setup::new(config, vocab);
            let created = E::create(&mut setup)?;
            setup.check_keys(E::NAME)?;
            Ok::<E, newsmill_sdk::Error>(created)
        }));
        let fail = |message: String| PluginError::Create {
            name: E::NAME.to_string(),
            message,
        };
        match created {
            Ok(Ok(inner)) => Ok(Box::new(BuiltinInstance {
                info: self.info.clone(),
                inner,
            })),
            Ok(Err(e)) => Err(fail(e.0)),
            Err(p) => Err(fail(format!("panicked: {}", panic_message(p.as_ref())))),
        }
    }
}

impl<E: Extractor> DynExtractor for BuiltinInstance<E> {
    fn info(&self) -> &ExtractorInfo {
        &self.info
    }

    fn process(&self, doc: &DocView<'_>, sink: &mut HostSink) -> Result<(), String> {
        let res = catch_unwind(AssertUnwindSafe(|| {
            let mut out = sink.emitter(doc.text);
            self.inner.process(doc, &mut out)
        }));
        match res {
            Ok(Ok(())) => match sink.error() {
                Some(e) => Err(e.to_string()),
                None => Ok(()),
            },
            Ok(Err(e)) => Err(e.0),
            Err(p) => Err(format!("panicked: {}", panic_message(p.as_ref()))),
        }
    }
}

// ---------------------------------------------------------------------
// Loaded extractors

/// A loaded plugin library, checked and ready to create its extractor.
/// The library is never unloaded (thread-local destructors in Rust code
/// make `dlclose` unsound); it lives until the process ends.
pub struct Plugin {
    descriptor: &'static NmDescriptor,
    info: ExtractorInfo,
}

impl std::fmt::Debug for Plugin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Plugin").field("info", &self.info).finish()
    }
}

impl Plugin {
    /// Load and check a plugin library: the descriptor symbol, the ABI
    /// version and every shared struct's size are checked before any of
    /// its functions is called.
    pub fn load(path: &Path) -> Result<Plugin, PluginError> {
        let shown = path.display().to_string();
        // SAFETY: loading a library runs its initialisers; loading a plugin
        // means trusting its code, which the user asked for by naming it.
        let lib = unsafe { libloading::Library::new(path) }.map_err(|e| {
            let message = match std::error::Error::source(&e) {
                Some(cause) => format!("{e}: {cause}"),
                None => e.to_string(),
            };
            PluginError::NotALibrary {
                path: shown.clone(),
                message,
            }
        })?;
        // Never unloaded: leak the handle so the code stays mapped.
        let lib: &'static libloading::Library = Box::leak(Box::new(lib));
        // SAFETY: the symbol, when present, is the `NmDescriptor` static
        // that `export_extractor!` defines; we only take its address here.
        let sym = unsafe { lib.get::<*const NmDescriptor>(DESCRIPTOR_SYMBOL) }.map_err(|_| {
            PluginError::NoDescriptor {
                path: shown.clone(),
            }
        })?;
        let ptr: *const NmDescriptor = *sym;
        if ptr.is_null() {
            return Err(PluginError::NoDescriptor { path: shown });
        }
        // SAFETY: the first field of every ABI version's descriptor is the
        // u32 ABI version; reading it is valid whatever the version.
        let found = unsafe { std::ptr::read(ptr.cast::<u32>()) };
        if found != ABI_VERSION {
            return Err(PluginError::AbiVersion {
                path: shown,
                found,
                expected: ABI_VERSION,
            });
        }
        // SAFETY: same ABI version: the descriptor has our layout.
        let descriptor: &'static NmDescriptor = unsafe { &*ptr };
        if let Some((what, expected, found)) = NmSizes::CURRENT.first_difference(&descriptor.sizes)
        {
            return Err(PluginError::StructSize {
                path: shown,
                what,
                found,
                expected,
                abi: ABI_VERSION,
            });
        }
        // SAFETY: version and sizes checked; `info` takes nothing and
        // returns static strings of the library (which is never unloaded).
        let raw = unsafe { (descriptor.info)() };
        let get = |s: NmStr, what: &str| -> Result<String, PluginError> {
            // SAFETY: static strings of the loaded library (see above).
            let bytes = unsafe { slice_from(s.ptr, s.len) };
            std::str::from_utf8(bytes)
                .map(str::to_string)
                .map_err(|_| PluginError::BadInfo {
                    path: path.display().to_string(),
                    message: format!("{what} is not UTF-8"),
                })
        };
        let name = get(raw.name, "name")?;
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            return Err(PluginError::BadInfo {
                path: shown,
                message: format!(
                    "extractor name {name:?} must be non-empty ASCII letters, digits, _ or -"
                ),
            });
        }
        let mut info = ExtractorInfo::from_parts(
            &name,
            &get(raw.version, "version")?,
            &get(raw.requires, "requires")?,
            &get(raw.provides, "provides")?,
            &get(raw.description, "description")?,
            Origin::Library(path.to_path_buf()),
        )
        .with_languages(&get(raw.languages, "languages")?);
        info.sdk_version = get(raw.sdk_version, "sdk_version")?;
        Ok(Plugin { descriptor, info })
    }
}

struct CreateCtx<'a> {
    vocab: &'a mut Vocab,
    error: Option<String>,
}

unsafe extern "C" fn host_intern(ctx: *mut c_void, name: NmStr) -> u32 {
    // SAFETY: `ctx` is the CreateCtx passed with this NmHost, alive and
    // exclusively ours during `create`.
    let ctx = unsafe { &mut *ctx.cast::<CreateCtx<'_>>() };
    // SAFETY: the plugin passes a string it owns for this call.
    let bytes = unsafe { slice_from(name.ptr, name.len) };
    match std::str::from_utf8(bytes) {
        Ok(s) => ctx.vocab.intern(s),
        Err(_) => {
            ctx.error
                .get_or_insert_with(|| "a name to intern is not UTF-8".into());
            u32::MAX
        }
    }
}

unsafe extern "C" fn host_create_error(ctx: *mut c_void, msg: NmStr) {
    // SAFETY: as in host_intern.
    let ctx = unsafe { &mut *ctx.cast::<CreateCtx<'_>>() };
    // SAFETY: the plugin passes a string it owns for this call.
    let bytes = unsafe { slice_from(msg.ptr, msg.len) };
    ctx.error = Some(String::from_utf8_lossy(bytes).into_owned());
}

impl Factory for Plugin {
    fn info(&self) -> &ExtractorInfo {
        &self.info
    }

    fn create(
        &self,
        config: &serde_json::Value,
        vocab: &mut Vocab,
    ) -> Result<Box<dyn DynExtractor>, PluginError> {
        let json = config.to_string();
        let mut ctx = CreateCtx { vocab, error: None };
        let host = NmHost {
            ctx: (&raw mut ctx).cast::<c_void>(),
            intern: host_intern,
            error: host_create_error,
        };
        // SAFETY: checked descriptor; `json` and `host` outlive the call;
        // the plugin's create catches its own panics.
        let instance = unsafe { (self.descriptor.create)(NmStr::new(&json), &host) };
        if instance.is_null() || ctx.error.is_some() {
            if !instance.is_null() {
                // SAFETY: made by this plugin's create; freed by its destroy.
                unsafe { (self.descriptor.destroy)(instance) };
            }
            return Err(PluginError::Create {
                name: self.info.name.clone(),
                message: ctx.error.unwrap_or_else(|| "create failed".into()),
            });
        }
        Ok(Box::new(Loaded {
            descriptor: self.descriptor,
            instance,
            info: self.info.clone(),
        }))
    }
}

struct Loaded {
    descriptor: &'static NmDescriptor,
    instance: *mut c_void,
    info: ExtractorInfo,
}

// SAFETY: the instance is a Box<E> with E: Send + Sync, made by
// export_extractor!, which requires those bounds; its library is never
// unloaded.
unsafe impl Send for Loaded {}
// SAFETY: as above; `process` takes the instance by shared reference.
unsafe impl Sync for Loaded {}

impl Drop for Loaded {
    fn drop(&mut self) {
        // SAFETY: made by this plugin's create, destroyed once, by it.
        unsafe { (self.descriptor.destroy)(self.instance) };
    }
}

unsafe extern "C" fn host_emit(ctx: *mut c_void, ann: *const NmEmit) -> i32 {
    // SAFETY: `ctx` is the EmitCtx passed in this call's NmEmitter, alive
    // and exclusively ours for the call; `ann` is valid for the call.
    let (ctx, ann) = unsafe { (&mut *ctx.cast::<EmitCtx<'_>>(), &*ann) };
    match ctx.sink.push(ctx.text, ann) {
        Ok(()) => 0,
        Err(_) => 1,
    }
}

unsafe extern "C" fn host_emit_error(ctx: *mut c_void, msg: NmStr) {
    // SAFETY: as in host_emit.
    let ctx = unsafe { &mut *ctx.cast::<EmitCtx<'_>>() };
    // SAFETY: the plugin passes a string it owns for this call.
    let bytes = unsafe { slice_from(msg.ptr, msg.len) };
    let msg = String::from_utf8_lossy(bytes).into_owned();
    ctx.sink.report_error(msg);
}

fn span_raw(s: Option<newsmill_core::Span>) -> newsmill_core::Span {
    s.unwrap_or(newsmill_core::Span::new(u32::MAX, u32::MAX))
}

/// The raw view of a document view (borrowed: valid while `view` is).
pub fn raw_view(view: &DocView<'_>) -> NmDocView {
    NmDocView {
        text: NmStr::new(view.text),
        id: NmStr::new(view.id),
        published: NmStr::opt(view.published),
        url: NmStr::opt(view.url),
        title: span_raw(view.title),
        subtitle: span_raw(view.subtitle),
        dateline: span_raw(view.dateline),
        paragraphs: view.paragraphs.as_ptr(),
        n_paragraphs: view.paragraphs.len(),
        tokens: view.tokens.as_ptr(),
        n_tokens: view.tokens.len(),
        sentences: view.sentences.as_ptr(),
        n_sentences: view.sentences.len(),
        annotations: view.annotations.as_ptr(),
        n_annotations: view.annotations.len(),
        attrs: view.attrs.as_ptr(),
        n_attrs: view.attrs.len(),
        strings: NmStr::new(view.strings),
        language: NmStr::opt(view.language),
    }
}

impl DynExtractor for Loaded {
    fn info(&self) -> &ExtractorInfo {
        &self.info
    }

    fn process(&self, doc: &DocView<'_>, sink: &mut HostSink) -> Result<(), String> {
        let raw = raw_view(doc);
        let mut ctx = EmitCtx {
            sink,
            text: doc.text,
        };
        let emitter = NmEmitter {
            ctx: (&raw mut ctx).cast::<c_void>(),
            emit: host_emit,
            error: host_emit_error,
        };
        // SAFETY: checked descriptor; `raw` borrows `doc`, and `ctx` and
        // `emitter` live across the call; the plugin's process catches its
        // own panics (export_extractor! does).
        let rc = unsafe { (self.descriptor.process)(self.instance, &raw, &emitter) };
        match (rc, ctx.sink.error()) {
            (0, None) => Ok(()),
            (_, Some(e)) => Err(e.to_string()),
            (rc, None) => Err(format!("failed (code {rc})")),
        }
    }
}
