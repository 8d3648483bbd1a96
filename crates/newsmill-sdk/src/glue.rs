//! The plugin side of the boundary, used by [`export_extractor!`](crate::export_extractor):
//! the `extern "C"` functions a plugin library exports, each catching its
//! own panics. Not for direct use.

use std::ffi::c_void;
use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::abi::{NmDescriptor, NmDocView, NmEmitter, NmHost, NmInfo, NmSizes, NmStr};
use crate::sdk::{Emitter, Extractor, Setup, str_from};

/// The message of a caught panic.
pub fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

/// The descriptor of `E` (with ABI version `abi`, normally
/// [`ABI_VERSION`]; other values only to test a host's refusal).
pub const fn descriptor<E: Extractor>(abi: u32) -> NmDescriptor {
    NmDescriptor {
        abi_version: abi,
        sizes: NmSizes::CURRENT,
        info: info::<E>,
        create: create::<E>,
        process: process::<E>,
        destroy: destroy::<E>,
    }
}

unsafe extern "C" fn info<E: Extractor>() -> NmInfo {
    NmInfo {
        name: NmStr::new(E::NAME),
        version: NmStr::new(E::VERSION),
        requires: NmStr::new(E::REQUIRES),
        provides: NmStr::new(E::PROVIDES),
        description: NmStr::new(E::DESCRIPTION),
        sdk_version: NmStr::new(env!("CARGO_PKG_VERSION")),
        languages: NmStr::new(E::LANGUAGES),
    }
}

/// One line per panic on stderr (the panic is also reported on the
/// article's record); this library has its own copy of std, and so
/// its own panic hook.
fn quiet_panics<E: Extractor>() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let msg = panic_message(info.payload());
            let at = info
                .location()
                .map(|l| format!(" at {}:{}", l.file(), l.line()))
                .unwrap_or_default();
            eprintln!("newsmill: plugin {} panicked{at}: {msg}", E::NAME);
        }));
    });
}

unsafe extern "C" fn create<E: Extractor>(config: NmStr, host: *const NmHost) -> *mut c_void {
    quiet_panics::<E>();
    let result = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: the host passes a valid NmHost for the call.
        let host = unsafe { &*host };
        // SAFETY: the host passes JSON text it owns for the call.
        let json = unsafe { str_from(config) }.unwrap_or("");
        let value: serde_json::Value = if json.trim().is_empty() {
            serde_json::Value::Object(Default::default())
        } else {
            match serde_json::from_str(json) {
                Ok(v) => v,
                Err(e) => return Err((host, format!("configuration is not JSON: {e}"))),
            }
        };
        let mut setup = Setup::ffi(&value, host);
        let created = E::create(&mut setup).map_err(|e| (host, e.0))?;
        // Refuse keys `create` never asked for (the instance is dropped).
        setup.check_keys(E::NAME).map_err(|e| (host, e.0))?;
        Ok(Box::into_raw(Box::new(created)).cast::<c_void>())
    }));
    match result {
        Ok(Ok(p)) => p,
        Ok(Err((host, msg))) => {
            // SAFETY: valid host for the call; `msg` outlives it.
            unsafe { (host.error)(host.ctx, NmStr::new(&msg)) };
            std::ptr::null_mut()
        }
        Err(p) => {
            let msg = format!("panicked: {}", panic_message(p.as_ref()));
            // SAFETY: the host pointer is valid for the call.
            unsafe { ((*host).error)((*host).ctx, NmStr::new(&msg)) };
            std::ptr::null_mut()
        }
    }
}

unsafe extern "C" fn process<E: Extractor>(
    instance: *const c_void,
    doc: *const NmDocView,
    out: *const NmEmitter,
) -> i32 {
    // SAFETY: the host passes the instance our create made, a view it
    // owns for the call, and an emitter valid for the call.
    let (this, raw, out) = unsafe { (&*instance.cast::<E>(), &*doc, &*out) };
    let result = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: the host's view contract (see sdk::view_from_raw).
        let view = unsafe { crate::sdk::view_from_raw(raw) };
        let mut emitter = Emitter::ffi(out);
        this.process(&view, &mut emitter)
    }));
    let msg = match result {
        Ok(Ok(())) => return 0,
        Ok(Err(e)) => e.0,
        Err(p) => format!("panicked: {}", panic_message(p.as_ref())),
    };
    // SAFETY: valid emitter for the call; `msg` outlives it.
    unsafe { (out.error)(out.ctx, NmStr::new(&msg)) };
    1
}

unsafe extern "C" fn destroy<E: Extractor>(instance: *mut c_void) {
    if !instance.is_null() {
        // SAFETY: made by Box::into_raw in create, freed once here.
        drop(unsafe { Box::from_raw(instance.cast::<E>()) });
    }
}
