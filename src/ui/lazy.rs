//! The page's side of the panels module (issue 26; `ui::panels` is the other side): views a
//! first paint never shows are in a wasm module of their own, fetched, compiled and started
//! the first time one is opened, then kept for the page's life. `Lazy` is the element a panel
//! is mounted in; it sends the panel its input when that changes while shown, and turns what
//! the panel sends back into the page's actions.
//!
//! The module's script is the content-hashed name the build wrote in
//! `<meta name="yusuan-panels">` (scripts/post-build.mjs), so a page only ever runs its own
//! build's panels; its wasm file is the same name with `_bg.wasm`.

use crate::core::domain::workspace::Workspace;
use crate::core::present::i18n::{tr, translate, Lang};
use crate::ui::panels::protocol::{compared, compared_ids, PanelInput, PanelOut};
use crate::ui::state::{Action, Notice, State, Tab};
use js_sys::{Function, Promise, Reflect};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Element;
use yew::prelude::*;

thread_local! {
    /// The module being loaded or loaded (its exports), shared by every panel.
    static MODULE: RefCell<Option<Promise>> = const { RefCell::new(None) };
    /// Where what any panel sends goes: the page's state (set by every `MirrorHost`; they all
    /// dispatch to the one app). One channel for the module, not one per panel: the module
    /// sends through the function it was given last, and a panel still open (批量调整 over
    /// another tab's panel) must reach the page whichever panel was mounted after it.
    static OUT: RefCell<Option<Callback<PanelOut>>> = const { RefCell::new(None) };
    /// The function the module sends through: made once, kept for the page's life.
    static SEND: RefCell<Option<JsValue>> = const { RefCell::new(None) };
}

/// The module's way back to the page (made the first time; never dropped).
fn send_fn() -> JsValue {
    SEND.with(|s| {
        s.borrow_mut()
            .get_or_insert_with(|| {
                Closure::<dyn FnMut(String)>::new(|text: String| {
                    let Ok(out) = serde_json::from_str::<PanelOut>(&text) else {
                        return;
                    };
                    if let Some(on_out) = OUT.with(|o| o.borrow().clone()) {
                        on_out.emit(out);
                    }
                })
                .into_js_value()
            })
            .clone()
    })
}

fn script_url() -> String {
    crate::ui::embed::built_file("yusuan-panels", "./panels.js")
}

/// Loads the module's script, then its wasm; resolves to its exports.
fn load() -> Promise {
    wasm_bindgen_futures::future_to_promise(async {
        let script = script_url();
        JsFuture::from(add_script(&script)).await?;
        // post-build.mjs names the module's exports `yusuanPanels` on the global object.
        let exports = Reflect::get(&js_sys::global(), &"yusuanPanels".into())?;
        let init = exports
            .dyn_ref::<Function>()
            .ok_or_else(|| JsValue::from_str("no exports"))?;
        let wasm = format!("{}_bg.wasm", script.trim_end_matches(".js"));
        let started = init.call1(&JsValue::NULL, &JsValue::from_str(&wasm))?;
        JsFuture::from(started.unchecked_into::<Promise>()).await?;
        Ok(exports)
    })
}

/// A `<script>` for `src` added to the page's head; resolves when it has run.
fn add_script(src: &str) -> Promise {
    Promise::new(&mut |resolve, reject| {
        let el = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| Some((d.create_element("script").ok()?, d.head()?)));
        let Some((el, head)) = el else {
            let _ = reject.call1(&JsValue::NULL, &"no document".into());
            return;
        };
        let _ = el.set_attribute("src", src);
        let _ = Reflect::set(&el, &"onload".into(), &resolve);
        let _ = Reflect::set(&el, &"onerror".into(), &reject);
        let _ = head.append_child(&el);
    })
}

/// The module's exports, loading it the first time; a failed load is tried again next time.
async fn module() -> Result<JsValue, String> {
    let promise = MODULE.with(|m| m.borrow_mut().get_or_insert_with(load).clone());
    JsFuture::from(promise).await.map_err(|e| {
        MODULE.with(|m| *m.borrow_mut() = None);
        e.as_string().unwrap_or_else(|| "网络或文件错误".into())
    })
}

/// The module's English catalogue installed.
async fn english(exports: &JsValue) -> Result<(), String> {
    let promise = call(exports, "english", &[])?;
    JsFuture::from(promise.unchecked_into::<Promise>())
        .await
        .map(|_| ())
        .map_err(|e| e.as_string().unwrap_or_default())
}

fn call(exports: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, String> {
    let f: Function = Reflect::get(exports, &name.into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(|| format!("{name} missing"))?;
    let args: js_sys::Array = args.iter().collect();
    f.apply(&JsValue::NULL, &args)
        .map_err(|e| e.as_string().unwrap_or_else(|| format!("{e:?}")))
}

#[derive(Properties, PartialEq)]
pub struct LazyProps {
    /// The panel (`ui::panels::KINDS`).
    pub kind: &'static str,
    pub input: Rc<PanelInput>,
    /// Kept mounted but not shown (its state stays); no input is sent meanwhile.
    #[prop_or_default]
    pub hidden: bool,
    pub lang: Lang,
}

struct Mounted {
    id: u32,
    sent: Rc<PanelInput>,
    exports: JsValue,
}

#[derive(Clone, PartialEq)]
enum Status {
    Loading,
    Ready,
    Failed(String),
}

/// Where a panel of the panels module shows.
#[function_component]
pub fn Lazy(p: &LazyProps) -> Html {
    let host = use_node_ref();
    let mounted = use_mut_ref(|| None::<Mounted>);
    let latest = use_mut_ref(|| p.input.clone());
    *latest.borrow_mut() = p.input.clone();
    let status = use_state(|| Status::Loading);
    {
        let (host, mounted, latest, status) = (
            host.clone(),
            mounted.clone(),
            latest.clone(),
            status.clone(),
        );
        let kind = p.kind;
        use_effect_with((), move |_| {
            let alive = Rc::new(std::cell::Cell::new(true));
            let still = alive.clone();
            let m = mounted.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let exports = match module().await {
                    Ok(exports) => exports,
                    Err(e) => return status.set(Status::Failed(e)),
                };
                if latest.borrow().english {
                    // Failing, the panel shows Chinese, as the page does then.
                    let _ = english(&exports).await;
                }
                if !still.get() {
                    return;
                }
                let input = latest.borrow().clone();
                let result = mount(&exports, &host, kind, &input).map(|id| Mounted {
                    id,
                    sent: input,
                    exports,
                });
                match result {
                    Ok(done) => {
                        *m.borrow_mut() = Some(done);
                        status.set(Status::Ready);
                    }
                    Err(e) => status.set(Status::Failed(e)),
                }
            });
            move || {
                alive.set(false);
                if let Some(done) = mounted.borrow_mut().take() {
                    let _ = call(&done.exports, "unmount", &[done.id.into()]);
                }
            }
        });
    }
    {
        let mounted = mounted.clone();
        use_effect_with(
            (p.input.clone(), p.hidden, (*status).clone()),
            move |(input, hidden, _)| {
                if !*hidden {
                    send_input(&mounted, input);
                }
            },
        );
    }
    let l = p.lang;
    html! {
        <div class="lazy-panel" hidden={p.hidden} data-testid={format!("lazy-{}", p.kind)}>
            { match &*status {
                Status::Loading => html! { <p class="empty" role="status">{ tr(l, "正在载入…") }</p> },
                Status::Ready => html! {},
                Status::Failed(e) => html! {
                    <p class="notice error" role="alert">{ format!("{}（{}）", tr(l, "无法载入这一部分，请检查网络后重新打开此页签"), translate(l, e)) }</p>
                },
            } }
            <div ref={host}></div>
        </div>
    }
}

/// Mounts the panel in the host element; returns its id.
fn mount(exports: &JsValue, host: &NodeRef, kind: &str, input: &PanelInput) -> Result<u32, String> {
    let el = host.cast::<Element>().ok_or("no element")?;
    let input = serde_json::to_string(input).map_err(|e| e.to_string())?;
    let id = call(
        exports,
        "mount",
        &[el.into(), kind.into(), input.into(), send_fn()],
    )?;
    Ok(id.as_f64().unwrap_or_default() as u32)
}

fn send_input(mounted: &Rc<RefCell<Option<Mounted>>>, input: &Rc<PanelInput>) {
    let mut m = mounted.borrow_mut();
    let Some(done) = m.as_mut() else { return };
    if done.sent == *input {
        return;
    }
    if let Ok(text) = serde_json::to_string(&**input) {
        let _ = call(&done.exports, "update", &[done.id.into(), text.into()]);
        done.sent = input.clone();
    }
}

/// The input of a panel that shows no budget (核对文档).
pub fn no_budget(lang: Lang) -> Rc<PanelInput> {
    Rc::new(PanelInput {
        english: lang == Lang::En,
        ..PanelInput::default()
    })
}

#[derive(Properties, PartialEq)]
pub struct HostProps {
    pub state: UseReducerHandle<State>,
    /// The panel (`ui::panels::KINDS`): 基本支出测算, 绩效目标, 方案对比 or 批量调整.
    pub kind: &'static str,
}

/// A panel of the panels module on a mirror of this page's state: the budget crosses as the
/// budget file's JSON (every scenario for 方案对比, else the one shown), written again only
/// when the budget (its revision) or what the panel shows of the page's state changed.
#[function_component]
pub fn MirrorHost(p: &HostProps) -> Html {
    let s = &p.state;
    let key = (
        (s.rev, s.lang, s.mode.editable(), s.unit_view.clone()),
        (
            s.unit,
            s.adjust,
            s.compare,
            s.goal_open,
            s.goal_focus.clone(),
        ),
        (s.import.clone(), s.code_list.clone(), p.kind),
    );
    let input = use_memo(key, |_| input_of(s, p.kind));
    let state = s.clone();
    OUT.with(|o| {
        *o.borrow_mut() = Some(Callback::from(move |out: PanelOut| {
            let action = action_of(out, &state.ws.borrow());
            state.dispatch(action)
        }))
    });
    // Keyed: another tab's panel is another panel, not this one given new props.
    html! { <Lazy key={p.kind} kind={p.kind} input={(*input).clone()} lang={s.lang} /> }
}

/// What a panel is given of the page's state.
fn input_of(s: &State, kind: &str) -> Rc<PanelInput> {
    let whole = kind == "compare";
    let ws = s.ws.borrow();
    let budget = if whole {
        crate::core::formats::file::write(&ws, false)
    } else {
        crate::core::formats::file::write_current(&ws)
    };
    Rc::new(PanelInput {
        english: s.lang == Lang::En,
        editable: s.mode.editable(),
        unit_view: s.unit_view.clone(),
        rev: s.rev,
        budget: Some(budget),
        unit: s.unit,
        adjust: s.adjust,
        compare: if whole {
            compared(&ws, s.compare)
        } else {
            None
        },
        goal_open: s.goal_open,
        goal_focus: s.goal_focus.clone(),
        sheets: match kind {
            "import" => s.import.clone(),
            "codelist" => s.code_list.clone(),
            _ => None,
        },
    })
}

/// The page's action for what a panel sent.
fn action_of(out: PanelOut, ws: &Workspace) -> Action {
    match out {
        PanelOut::Apply { command, label } => Action::Apply(command, label),
        PanelOut::ApplyAll { commands, label } => Action::ApplyAll(commands, label),
        PanelOut::Notice { error: true, text } => Action::Notice(Some(Notice::Error(text))),
        PanelOut::Notice { error: false, text } => Action::Notice(Some(Notice::Info(text))),
        PanelOut::Errors(text, list) => Action::Notice(Some(Notice::Errors(text, list))),
        PanelOut::ClearNotice => Action::Notice(None),
        PanelOut::PrintStaffing => Action::PrintStaffing,
        PanelOut::OpenGoal(form, field) => Action::OpenGoal(form, field),
        PanelOut::Compare(pair) => Action::SetCompare(compared_ids(ws, pair)),
        PanelOut::Close(panel) => match panel.as_str() {
            "adjust" => Action::ShowAdjust(false),
            "import" => Action::Import(None),
            "codelist" => Action::CodeList(None),
            _ => Action::ShowUnits(false),
        },
        PanelOut::SetTab(id) => Action::SetTab(
            Tab::ALL
                .into_iter()
                .find(|t| t.id() == id)
                .unwrap_or(Tab::Lines),
        ),
        PanelOut::SetUnitView(v) => Action::SetUnitView(v),
    }
}
