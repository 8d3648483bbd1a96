//! The `newsmill` binary; everything is in `newsmill-cli`.

fn main() -> std::process::ExitCode {
    newsmill_cli::main()
}
