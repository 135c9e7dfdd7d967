//! Browser tests (wasm-bindgen-test in headless Chromium): the core computes the same exact
//! figures in wasm32 as natively, and the app renders them into the page.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yusuan::core::money::Unit;
use yusuan::core::reference;
use yusuan::core::report::{Options, Report};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn reference_figures_in_wasm() {
    let r = Report::build(&reference::budget(), Options::default());
    assert_eq!(r.summary.expense_total.display(Unit::Wan), "3,826.55");
    assert_eq!(
        format!("{:.2}", r.summary.kind_shares[0].shown.unwrap()),
        "28.26"
    );
    let y = r.summary.yoy_general_public.unwrap();
    assert_eq!(y.percent.unwrap().display(), "-5.31%");
    assert!(!r.has_errors());
}

async fn next_tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let window = web_sys::window().unwrap();
        window
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn app_renders_summary_and_switches_unit() {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<yusuan::ui::App>::with_root(root.clone()).render();
    next_tick().await;
    let text = |sel: &str| {
        root.query_selector(sel)
            .unwrap()
            .map(|e| e.text_content().unwrap_or_default())
            .unwrap_or_default()
    };
    assert_eq!(text("[data-testid=expense-total]"), "3,826.55");
    assert_eq!(text("[data-testid=basic-share]"), "28.26%");
    assert_eq!(text("[data-testid=balance]"), "收支平衡");
    // Switch to 元.
    let buttons = root.query_selector_all(".controls button").unwrap();
    let yuan = buttons
        .item(1)
        .unwrap()
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap();
    yuan.click();
    next_tick().await;
    assert_eq!(text("[data-testid=expense-total]"), "38,265,540.00");
}
