//! The view: turns user actions into core commands and core results into HTML. It
//! computes no figure itself; every number comes from `core::figures::report::Report`.
//! ARCHITECTURE.md describes the layers and the path of an edit.

mod amount;
mod app;
mod codec;
mod drafting;
mod effects;
mod embed;
mod goals;
mod grid;
mod header;
mod idb;
mod income;
mod lang;
mod lazy;
pub mod panels;
mod practice;
mod shared;
mod staffing;
mod state;
mod storage;
mod summary;
mod units;
mod verify;
mod views;

pub use app::App;

/// Mounts the app on the element marked `data-yusuan` (an embedding page's), else `<body>`;
/// a page configured for English fetches the English catalogue first (`lang.rs`).
pub fn start() {
    let (config, _) = crate::ui::embed::page_config();
    if config.lang == crate::core::present::i18n::Lang::En {
        wasm_bindgen_futures::spawn_local(async {
            // A failure is said by the app itself (`initial_state`), in Chinese.
            let _ = lang::load_english().await;
            mount();
        });
    } else {
        mount();
    }
}

fn mount() {
    match crate::ui::embed::mount_element() {
        Some(el) => {
            yew::Renderer::<App>::with_root(el).render();
        }
        None => {
            yew::Renderer::<App>::new().render();
        }
    }
}
