//! The document-reader web worker (built by Trunk from index.html, `data-type="worker"`): the
//! PDF reader and the rules of 核对文档 (issue 25). A module of its own, apart from the codec
//! worker, so that its ≈ 440 KB gzip (the PDF parser, its decoders and the rules) is fetched
//! only when someone checks a document, never by an import, an export or a share link.

#[cfg(target_arch = "wasm32")]
fn main() {
    yusuan::worker::start_reader();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("reader 是浏览器中的后台模块，不能单独运行。");
}
