//! The file-codec web worker (built by Trunk from index.html, `data-type="worker"`): XLSX
//! reading and writing and share-link compression. It is a separate wasm module so that
//! the ZIP and XML code (≈ 80 KB gzip) is fetched only when a user first imports or exports
//! a workbook or opens a share link, and so that a 10,000-line workbook is packed without
//! freezing the page.

#[cfg(target_arch = "wasm32")]
fn main() {
    yusuan::worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("codec 是浏览器中的后台模块，不能单独运行。");
}
