//! Entry point of the browser app (built by Trunk from index.html).

#[cfg(target_arch = "wasm32")]
fn main() {
    yusuan::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("预算计算器的网页版运行在浏览器中：请运行 scripts/serve.sh。命令行请用 `budget`。");
}
