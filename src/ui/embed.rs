//! Embedding: where the app mounts, its configuration (`data-` attributes of the mount
//! element, then the URL query), a configured budget (inline JSON or a same-origin URL), and
//! the `postMessage` API for a host page (documented in `docs/EMBEDDING.md`).
//!
//! Messages are accepted only from the origins the page configures (`data-origins`); others
//! are ignored and logged. Every budget that arrives is read like an opened file.

use super::state::{Action, State};
use crate::core::config::{self, BudgetSource, Config};
use crate::core::domain::workspace::Workspace;
use crate::core::figures::report::{Options, Report};
use crate::core::formats::file;
use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Element;
use yew::UseReducerHandle;

/// Configuration keys and their `data-` attribute names.
const KEYS: &[(&str, &str)] = &[
    ("lang", "data-lang"),
    ("mode", "data-mode"),
    ("tabs", "data-tabs"),
    ("budget", "data-budget"),
    ("budget-script", "data-budget-script"),
    ("origins", "data-origins"),
    ("exercises", "data-exercises"),
];

/// The element marked `data-yusuan`, if the page has one (else the app takes `<body>`).
pub fn mount_element() -> Option<Element> {
    web_sys::window()?
        .document()?
        .query_selector("[data-yusuan]")
        .ok()
        .flatten()
}

/// The configuration and the messages about refused values.
pub fn page_config() -> (Config, Vec<String>) {
    let mut pairs: Vec<(String, String)> = Vec::new();
    if let Some(el) = mount_element() {
        for (key, attr) in KEYS {
            if let Some(v) = el.get_attribute(attr) {
                pairs.push((key.to_string(), v));
            }
        }
    }
    let query = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let mut refused = Vec::new();
    if let Ok(params) = web_sys::UrlSearchParams::new_with_str(&query) {
        for (key, _) in KEYS {
            if let Some(v) = params.get(key) {
                // Only the page that serves the app may let other pages talk to it: a link
                // must not be able to hand the user's saved budgets to any site that frames it.
                if *key == "origins" {
                    refused.push(format!(
                        "配置 origins 只能由页面的 data-origins 属性设置，网址中的“{v}”已忽略"
                    ));
                    continue;
                }
                pairs.push((key.to_string(), v));
            }
        }
    }
    let (config, problems) = Config::parse(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    refused.extend(problems.iter().map(|p| p.to_string()));
    (config, refused)
}

/// A budget in a `<script type="application/json" id=…>` of the page.
pub fn script_budget(id: &str) -> Result<Workspace, String> {
    let el = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .ok_or_else(|| format!("页面中没有 id 为“{id}”的元素"))?;
    if el.tag_name() != "SCRIPT" || el.get_attribute("type").as_deref() != Some("application/json")
    {
        return Err(format!(
            "id 为“{id}”的元素应为 <script type=\"application/json\">"
        ));
    }
    file::read(&el.text_content().unwrap_or_default()).map_err(|e| e.to_string())
}

fn page_origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// Fetches a configured budget URL (same origin only) and loads it.
pub fn fetch_budget(state: UseReducerHandle<State>, url: String) {
    wasm_bindgen_futures::spawn_local(async move {
        let result = fetch_text(&url)
            .await
            .and_then(|text| file::read(&text).map_err(|e| format!("预算文件有误：{e}")));
        match result {
            Ok(ws) => state.dispatch(Action::LoadWorkspace(
                Box::new(ws),
                format!("已载入预算“{url}”"),
            )),
            Err(e) => state.dispatch(Action::LoadFailed(format!(
                "无法载入预算“{url}”：{e}。显示的是默认预算"
            ))),
        }
    });
}

/// A built file's name from the page's `<meta name="…" content="./file">` (written by
/// scripts/post-build.mjs), or `fallback`. Only a same-folder relative name is taken.
pub(crate) fn built_file(meta: &str, fallback: &str) -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector(&format!("meta[name=\"{meta}\"]"))
                .ok()
                .flatten()
        })
        .and_then(|m| m.get_attribute("content"))
        .filter(|c| c.starts_with("./") && !c[2..].contains(['/', '\\', ':', '?', '#']))
        .unwrap_or_else(|| fallback.to_string())
}

pub(crate) async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("没有浏览器窗口")?;
    let origin = page_origin();
    let base = window
        .document()
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    let resolved = web_sys::Url::new_with_base(url, &base).map_err(|_| "地址无效".to_string())?;
    if !config::same_origin(url, &origin) || resolved.origin() != origin {
        return Err("只允许本站（同源）的地址".into());
    }
    let response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(&resolved.href()))
        .await
        .map_err(|_| "网络错误".to_string())?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "网络错误".to_string())?;
    if !response.ok() {
        return Err(format!("服务器返回 {}", response.status()));
    }
    let text = wasm_bindgen_futures::JsFuture::from(response.text().map_err(|_| "读取失败")?)
        .await
        .map_err(|_| "读取失败".to_string())?;
    text.as_string().ok_or_else(|| "读取失败".to_string())
}

/// The starting workspace for a configured budget source, if it can be had at once.
pub fn configured_workspace(config: &Config) -> Option<Result<Workspace, String>> {
    match &config.budget {
        BudgetSource::Script(id) => Some(script_budget(id)),
        _ => None,
    }
}

fn set(o: &Object, k: &str, v: &JsValue) {
    let _ = Reflect::set(o, &JsValue::from_str(k), v);
}

/// The totals a host is told about: exact amounts in 元 as strings, shares in percent.
fn totals(r: &Report) -> Object {
    let s = &r.summary;
    let o = Object::new();
    let money =
        |m: crate::core::domain::money::Money| JsValue::from_str(&format!("{:.2}", m.yuan()));
    set(&o, "income_total", &money(s.income_total));
    set(&o, "expense_total", &money(s.expense_total));
    set(&o, "basic", &money(s.basic));
    set(&o, "project", &money(s.project));
    set(
        &o,
        "general_public_current",
        &money(s.general_public_current),
    );
    let share = |i: usize| {
        s.kind_shares
            .get(i)
            .and_then(|p| p.shown)
            .map(|d| JsValue::from_str(&format!("{d:.2}")))
            .unwrap_or(JsValue::NULL)
    };
    set(&o, "basic_share", &share(0));
    set(&o, "project_share", &share(1));
    set(&o, "balanced", &JsValue::from_bool(s.is_balanced()));
    let (errors, warnings) = r.check_counts();
    set(&o, "errors", &JsValue::from(errors as u32));
    set(&o, "warnings", &JsValue::from(warnings as u32));
    set(&o, "unit", &JsValue::from_str("元"));
    o
}

fn message(kind: &str) -> Object {
    let o = Object::new();
    set(&o, "type", &JsValue::from_str(kind));
    o
}

/// Posts to the host page (the parent window), once per allowed origin: the browser delivers
/// only to the one the parent really has.
fn post_to_host(config: &Config, msg: &Object) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    if Object::is(&parent, &window) {
        return;
    }
    for origin in &config.origins {
        let _ = parent.post_message(msg, origin);
    }
}

/// Tells the host that the budget changed (called debounced by the app).
/// `report` is the one the app built for this revision (not built again here).
pub fn notify_change(config: &Config, ws: &Workspace, report: &Report, revision: u64) {
    if config.origins.is_empty() {
        return;
    }
    let msg = message("yusuan:change");
    set(&msg, "revision", &JsValue::from_f64(revision as f64));
    set(&msg, "scenario", &JsValue::from_str(&ws.current().name));
    set(&msg, "totals", &totals(report));
    post_to_host(config, &msg);
}

/// Tells the host the app is ready for messages.
pub fn notify_ready(config: &Config) {
    if !config.origins.is_empty() {
        post_to_host(config, &message("yusuan:ready"));
    }
}

fn warn(text: &str) {
    web_sys::console::warn_1(&JsValue::from_str(text));
}

/// Handles one `message` event from the host.
pub fn on_message(state: &UseReducerHandle<State>, e: &web_sys::MessageEvent) {
    let config = state.config.clone();
    let origin = e.origin();
    if !config.origins.contains(&origin) {
        warn(&format!("预算计算器：忽略来自未授权来源 {origin} 的消息"));
        return;
    }
    let data = e.data();
    let kind = Reflect::get(&data, &JsValue::from_str("type"))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    let id = Reflect::get(&data, &JsValue::from_str("id")).unwrap_or(JsValue::UNDEFINED);
    let reply = |msg: Object| {
        set(&msg, "id", &id);
        // A cross-origin window is not an `instanceof Window` here, so no checked cast.
        if let Some(source) = e.source() {
            let w: web_sys::Window = source.unchecked_into();
            let _ = w.post_message(&msg, &origin);
        }
    };
    let error = |text: String| {
        warn(&format!("预算计算器：{text}"));
        let m = message("yusuan:error");
        set(&m, "message", &JsValue::from_str(&text));
        m
    };
    match kind.as_str() {
        "yusuan:get" => {
            let ws = state.ws.borrow();
            let m = message("yusuan:budget");
            set(
                &m,
                "budget",
                &JsValue::from_str(&file::to_json_named(ws.budget(), &ws.current().name)),
            );
            let report = Report::build(ws.budget(), Options::new(state.unit, state.adjust, false));
            set(&m, "totals", &totals(&report));
            reply(m);
        }
        "yusuan:load" => {
            let budget = Reflect::get(&data, &JsValue::from_str("budget")).unwrap_or_default();
            let text = match budget.as_string() {
                Some(t) => Some(t),
                None if budget.is_object() => js_sys::JSON::stringify(&budget)
                    .ok()
                    .and_then(|s| s.as_string()),
                None => None,
            };
            let Some(text) = text else {
                reply(error(
                    "yusuan:load 需要 budget（预算文件的 JSON 文本或对象）".into(),
                ));
                return;
            };
            match file::read(&text) {
                Ok(ws) => {
                    state.dispatch(Action::LoadWorkspace(
                        Box::new(ws),
                        "主页面载入了预算".into(),
                    ));
                    reply(message("yusuan:loaded"));
                }
                Err(e) => reply(error(format!("预算有误，未载入：{e}"))),
            }
        }
        other => reply(error(format!("未知的消息类型“{other}”"))),
    }
}
