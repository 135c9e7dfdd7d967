//! Browser tests (wasm-bindgen-test in headless Chromium): the core computes the same exact
//! figures in wasm32 as natively, and the mounted app shows them, explains them and edits.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};
use yusuan::core::domain::money::Unit;
use yusuan::core::figures::report::{Options, Report};
use yusuan::core::formats::reference;

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
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Resolves with an IndexedDB request's result.
async fn idb_done(req: &web_sys::IdbRequest) -> wasm_bindgen::JsValue {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let r = req.clone();
        let f = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = resolve.call1(&wasm_bindgen::JsValue::UNDEFINED, &r.result().unwrap());
        });
        req.set_onsuccess(Some(f.unchecked_ref()));
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap()
}

/// Empties the app's IndexedDB stores (an earlier test's app may still hold the database
/// open, so it is cleared rather than deleted).
async fn clear_idb() {
    let factory = web_sys::window().unwrap().indexed_db().unwrap().unwrap();
    let open = factory.open_with_u32("yusuan", 1).unwrap();
    let up = open.clone();
    let on_upgrade = wasm_bindgen::closure::Closure::once_into_js(move || {
        let db: web_sys::IdbDatabase = up.result().unwrap().unchecked_into();
        for s in ["scenarios", "meta"] {
            let _ = db.create_object_store(s);
        }
    });
    open.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
    let db: web_sys::IdbDatabase = idb_done(&open).await.unchecked_into();
    for s in ["scenarios", "meta"] {
        let tx = db
            .transaction_with_str_and_mode(s, web_sys::IdbTransactionMode::Readwrite)
            .unwrap();
        idb_done(&tx.object_store(s).unwrap().clear().unwrap()).await;
    }
    db.close();
}

/// Mounts the app in a fresh element and waits until it shows the budget (after reading
/// the browser's storage).
async fn mount() -> Element {
    let window = web_sys::window().unwrap();
    // Each test starts from the reference budget, not what another test autosaved.
    window.local_storage().unwrap().unwrap().clear().unwrap();
    clear_idb().await;
    let document = window.document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<yusuan::ui::App>::with_root(root.clone()).render();
    for _ in 0..150 {
        next_tick().await;
        if root
            .query_selector("[data-testid=expense-total]")
            .unwrap()
            .is_some()
        {
            break;
        }
    }
    root
}

fn text(root: &Element, sel: &str) -> String {
    root.query_selector(sel)
        .unwrap()
        .map(|e| e.text_content().unwrap_or_default())
        .unwrap_or_default()
}

fn el<T: JsCast>(root: &Element, sel: &str) -> T {
    root.query_selector(sel)
        .unwrap()
        .unwrap_or_else(|| panic!("no {sel}"))
        .dyn_into::<T>()
        .unwrap()
}

fn key(target: &Element, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let e = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&e).unwrap();
}

fn input(target: &HtmlInputElement, value: &str) {
    target.set_value(value);
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    let e = web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap();
    target.dispatch_event(&e).unwrap();
}

#[wasm_bindgen_test]
async fn app_renders_summary_and_switches_unit() {
    let root = mount().await;
    assert_eq!(text(&root, "[data-testid=expense-total]"), "3,826.55");
    assert_eq!(text(&root, "[data-testid=basic-share]"), "28.26%");
    assert_eq!(text(&root, "[data-testid=balance]"), "收支平衡");
    let buttons = root.query_selector_all(".controls button").unwrap();
    let yuan = (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .find(|b| b.text_content().as_deref() == Some("元"))
        .unwrap()
        .dyn_into::<HtmlElement>()
        .unwrap();
    yuan.click();
    next_tick().await;
    assert_eq!(text(&root, "[data-testid=expense-total]"), "38,265,540.00");
}

#[wasm_bindgen_test]
async fn clicking_a_figure_explains_it() {
    let root = mount().await;
    el::<HtmlElement>(&root, "[data-testid=income-total]").click();
    next_tick().await;
    assert_eq!(
        text(&root, "[data-testid=formula]"),
        "3,826.55 = 3,402.75 一般公共预算 + 423.80 上年结转"
    );
    // Esc closes the panel.
    key(&el::<Element>(&root, ".app"), "Escape");
    next_tick().await;
    assert!(root
        .query_selector("[data-testid=explain]")
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
async fn typing_into_a_selected_cell_edits_the_line() {
    let root = mount().await;
    // Select 基本工资's 当年预算安排 (row 0, column 7).
    el::<HtmlElement>(&root, "td[data-row='0'][data-col='7']").click();
    next_tick().await;
    // Typed text reaches the key catcher, which opens the editor with it.
    input(
        &el::<HtmlInputElement>(&root, "[data-testid=grid-keys]"),
        "300",
    );
    next_tick().await;
    let editor = el::<HtmlInputElement>(&root, "input.cell-editor");
    assert_eq!(editor.value(), "300");
    key(&editor, "Enter");
    next_tick().await;
    assert_eq!(text(&root, "[data-testid=expense-total]"), "3,864.54");
    assert_eq!(text(&root, "td[data-row='0'][data-col='7']"), "300.00");
    // The selection moved down one row.
    assert!(root
        .query_selector("td.sel[data-row='1'][data-col='7']")
        .unwrap()
        .is_some());
}
