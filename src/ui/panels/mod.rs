//! The panels module's side (issue 26): views a first paint never shows — 核对文档,
//! 基本支出测算, 绩效目标, 方案对比, 收入与上年数 and the 批量调整, 预算单位, 导入 and 导入科目表
//! panels ([`KINDS`]) — built into a wasm module of their own (`src/bin/panels.rs`) that the
//! page fetches the first time one of them is opened (`ui::lazy`). Each panel is a Yew app of this
//! module mounted in an element the page gives it.
//!
//! A panel that shows the budget keeps a mirror of the page's state: the same `State` the page
//! has, with the budget the page sent (`Action::Mirror`), so the views are the page's own code,
//! unchanged. What only the page may do — change the budget, say something in its notice bar,
//! print — is sent to the page (`FORWARD` in `ui::state`), which answers with the new budget.
//! Everything else (a panel's own forms, the payroll sheet being mapped) stays here.

pub mod protocol;

use crate::core::domain::workspace::Workspace;
use crate::core::formats::file;
use crate::core::present::i18n;
use crate::ui::state::{Action, Mirror, Notice, State};
use js_sys::Function;
use protocol::{compared, compared_ids, PanelInput, PanelOut};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use web_sys::Element;
use yew::prelude::*;
use yew::AppHandle;

/// The panels this module can show (the page names them by these ids).
pub const KINDS: [&str; 9] = [
    "verify", "staffing", "goals", "compare", "adjust", "income", "units", "import", "codelist",
];

#[derive(Properties, Clone, PartialEq)]
pub struct RootProps {
    pub input: Rc<PanelInput>,
    /// One of [`KINDS`].
    pub kind: &'static str,
}

enum Mounted {
    Verify(AppHandle<VerifyRoot>),
    Mirror(AppHandle<MirrorRoot>),
}

/// A mounted panel and how many inputs it was given (a later one wins over one still waiting
/// for the English catalogue).
struct Panel {
    app: Mounted,
    kind: &'static str,
    given: u64,
}

thread_local! {
    static APPS: RefCell<HashMap<u32, Panel>> = RefCell::new(HashMap::new());
    static NEXT: Cell<u32> = const { Cell::new(1) };
    /// The workspace of the 方案对比 mirror (for the places of the scenarios compared).
    static SHOWN: RefCell<Option<Rc<RefCell<Workspace>>>> = const { RefCell::new(None) };
    /// 核对文档's files as last shown.
    static FILES: RefCell<crate::ui::verify::Files> = RefCell::new(crate::ui::verify::Files::default());
    /// Where this module's panels send what the page must do (one page per module).
    static SEND: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// Starts the module: Yew's subtree ids moved past the page's (Yew's renderer sends panic
/// messages to the console). Two Yew apps in one document brand their elements with subtree
/// ids counted from 1 in each module; the page's app would take events in a panel for its own
/// (and run the wrong handler) if both counted the same. Roots made and dropped here move
/// this module's count past any the page uses (it makes one).
pub fn start() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    for _ in 0..SUBTREE_OFFSET {
        if let Ok(el) = document.create_element("div") {
            yew::Renderer::<Nothing>::with_root(el).render().destroy();
        }
    }
}

/// How many subtree ids the panels module skips (the page's app uses one, and would use one
/// more per portal).
const SUBTREE_OFFSET: u32 = 64;

#[function_component]
fn Nothing() -> Html {
    html! {}
}

/// Mounts panel `kind` in `host` with `input` (a [`PanelInput`] as JSON); what it sends back
/// goes to `send` (a [`PanelOut`] as JSON). Returns the panel's id.
pub fn mount(host: Element, kind: &str, input: &str, send: Function) -> Result<u32, String> {
    let input: PanelInput = serde_json::from_str(input).map_err(|e| e.to_string())?;
    SEND.with(|s| *s.borrow_mut() = Some(send));
    install_forward();
    // In Chinese until this module has the English catalogue (then the input as given).
    let english = input.english;
    let Some(kind) = KINDS.iter().copied().find(|k| *k == kind) else {
        return Err(format!("没有名为“{kind}”的面板"));
    };
    let props = RootProps {
        input: Rc::new(PanelInput {
            english: english && i18n::installed(),
            ..input.clone()
        }),
        kind,
    };
    let app = match kind {
        "verify" => {
            Mounted::Verify(yew::Renderer::<VerifyRoot>::with_root_and_props(host, props).render())
        }
        _ => {
            Mounted::Mirror(yew::Renderer::<MirrorRoot>::with_root_and_props(host, props).render())
        }
    };
    let id = NEXT.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    });
    APPS.with(|a| {
        a.borrow_mut().insert(
            id,
            Panel {
                app,
                kind,
                given: 0,
            },
        )
    });
    if english && !i18n::installed() {
        give(id, input);
    }
    Ok(id)
}

/// Installs the English catalogue in this module.
pub async fn english() -> Result<(), String> {
    crate::ui::lang::load_english().await
}

/// Gives panel `id` a new input.
pub fn update(id: u32, input: &str) -> Result<(), String> {
    let input: PanelInput = serde_json::from_str(input).map_err(|e| e.to_string())?;
    give(id, input);
    Ok(())
}

/// Shows `input` in panel `id`; an English one once the catalogue is in.
fn give(id: u32, input: PanelInput) {
    let given = APPS.with(|a| {
        a.borrow_mut().get_mut(&id).map(|p| {
            p.given += 1;
            p.given
        })
    });
    let Some(given) = given else { return };
    if !input.english || i18n::installed() {
        show(id, given, input);
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        if crate::ui::lang::load_english().await.is_err() {
            // The page says so; the panel stays Chinese.
            return;
        }
        show(id, given, input);
    });
}

/// Shows input number `given` of panel `id`, unless a later one was given since.
fn show(id: u32, given: u64, input: PanelInput) {
    APPS.with(|a| {
        let mut apps = a.borrow_mut();
        let Some(p) = apps.get_mut(&id).filter(|p| p.given == given) else {
            return;
        };
        match &mut p.app {
            Mounted::Verify(h) => h.update(RootProps {
                input: Rc::new(input),
                kind: "verify",
            }),
            Mounted::Mirror(h) => {
                let kind = p.kind;
                h.update(RootProps {
                    input: Rc::new(input),
                    kind,
                })
            }
        }
    });
}

/// Takes panel `id` out of its element.
pub fn unmount(id: u32) {
    if let Some(p) = APPS.with(|a| a.borrow_mut().remove(&id)) {
        match p.app {
            Mounted::Verify(h) => h.destroy(),
            Mounted::Mirror(h) => h.destroy(),
        }
    }
}

/// Sends `out` to the page.
fn send(out: &PanelOut) {
    let Ok(text) = serde_json::to_string(out) else {
        return;
    };
    SEND.with(|s| {
        if let Some(f) = s.borrow().as_ref() {
            let _ = f.call1(&JsValue::NULL, &JsValue::from_str(&text));
        }
    });
}

fn install_forward() {
    crate::ui::state::FORWARD.with(|f| {
        f.borrow_mut()
            .get_or_insert_with(|| Box::new(|a: &Action| forward(a)));
    });
}

/// An action only the page may carry out, sent to it; `true` when sent (the mirror then
/// waits for the page's new input instead of changing itself).
fn forward(action: &Action) -> bool {
    let Some(out) = outbound(action) else {
        return false;
    };
    send(&out);
    true
}

/// The page's form of an action, for those the page carries out.
pub fn outbound(action: &Action) -> Option<PanelOut> {
    let close = |panel: &str| Some(PanelOut::Close(panel.into()));
    match action {
        Action::Apply(c, label) => Some(PanelOut::Apply {
            command: c.clone(),
            label: label.clone(),
        }),
        Action::ApplyAll(cs, label) => Some(PanelOut::ApplyAll {
            commands: cs.clone(),
            label: label.clone(),
        }),
        // Only the grid asks this one (a 测算 line edited by hand).
        Action::Notice(Some(Notice::Detach(_))) => None,
        Action::Notice(n) => Some(notice(n.as_ref())),
        Action::PrintStaffing => Some(PanelOut::PrintStaffing),
        Action::OpenGoal(form, field) => Some(PanelOut::OpenGoal(*form, field.clone())),
        Action::SetCompare(pair) => Some(PanelOut::Compare(SHOWN.with(|w| {
            w.borrow()
                .as_ref()
                .and_then(|ws| compared(&ws.borrow(), *pair))
        }))),
        Action::SetTab(tab) => Some(PanelOut::SetTab(tab.id().into())),
        Action::SetUnitView(v) => Some(PanelOut::SetUnitView(v.clone())),
        Action::ShowAdjust(false) => close("adjust"),
        Action::Import(None) => close("import"),
        Action::CodeList(None) => close("codelist"),
        Action::ShowUnits(false) => close("units"),
        _ => None,
    }
}

fn notice(n: Option<&Notice>) -> PanelOut {
    match n {
        Some(Notice::Error(t)) => PanelOut::Notice {
            error: true,
            text: t.clone(),
        },
        Some(Notice::Info(t)) => PanelOut::Notice {
            error: false,
            text: t.clone(),
        },
        Some(Notice::Errors(t, list)) => PanelOut::Errors(t.clone(), list.clone()),
        None | Some(Notice::Detach(_)) => PanelOut::ClearNotice,
    }
}

/// 核对文档: the files checked live here. The page keeps the panel mounted, hidden, once
/// opened; the print preview replaces the whole page for a while, so the files are also kept
/// in this module (`FILES`) and found again when the panel is mounted anew.
#[function_component]
fn VerifyRoot(p: &RootProps) -> Html {
    let files = use_reducer(|| FILES.with(|f| f.borrow().clone()));
    FILES.with(|f| *f.borrow_mut() = (*files).clone());
    html! { <crate::ui::verify::VerifyView files={files} lang={p.input.lang()} /> }
}

/// A panel on a mirror of the page's state: 基本支出测算, 绩效目标, 方案对比, 批量调整.
#[function_component]
fn MirrorRoot(p: &RootProps) -> Html {
    let state = use_reducer(|| mirrored(&p.input).unwrap_or_else(|_| State::new(empty())));
    let problem = use_state(|| None::<String>);
    {
        let (state, problem) = (state.clone(), problem.clone());
        use_effect_with(p.input.clone(), move |input| {
            if state.rev != input.rev || !same_view(&state, input) {
                match mirror_of(input) {
                    Ok(m) => state.dispatch(Action::Mirror(Box::new(m))),
                    Err(e) => problem.set(Some(e)),
                }
            }
        });
    }
    if p.kind == "compare" {
        SHOWN.with(|w| *w.borrow_mut() = Some(state.ws.clone()));
    }
    if let Some(e) = (*problem).clone() {
        return html! { <p class="notice error" role="alert">{ e }</p> };
    }
    match (p.kind, p.input.sheets.clone()) {
        ("staffing", _) => html! { <crate::ui::staffing::StaffingView state={state} /> },
        ("compare", _) => html! { <crate::ui::drafting::compare::CompareView state={state} /> },
        ("units", _) => html! { <crate::ui::units::UnitsPanel state={state} /> },
        ("import", Some(data)) => {
            html! { <crate::ui::drafting::import::ImportPanel state={state} data={data} /> }
        }
        ("codelist", Some(data)) => {
            html! { <crate::ui::drafting::codes::CodeListPanel state={state} data={data} /> }
        }
        ("import" | "codelist", None) => html! {},
        (kind, _) => html! { <WithReport state={state} kind={kind} /> },
    }
}

#[derive(Properties, PartialEq)]
struct WithReportProps {
    state: UseReducerHandle<State>,
    kind: &'static str,
}

/// The panels that show the mirror's figures (built here, like the page builds its own).
#[function_component]
fn WithReport(p: &WithReportProps) -> Html {
    let report = crate::ui::effects::use_report(&p.state);
    let state = p.state.clone();
    match p.kind {
        "goals" => html! { <crate::ui::goals::GoalsView state={state} report={report} /> },
        "income" => html! { <crate::ui::income::IncomeView state={state} report={report} /> },
        _ => html! { <crate::ui::drafting::adjust::AdjustPanel state={state} report={report} /> },
    }
}

fn same_view(state: &State, input: &PanelInput) -> bool {
    state.lang == input.lang()
        && state.mode.editable() == input.editable
        && state.unit_view == input.unit_view
        && state.unit == input.unit
        && state.adjust == input.adjust
        && state.goal_open == input.goal_open
        && state.goal_focus == input.goal_focus
        && compared(&state.ws.borrow(), state.compare) == input.compare
}

fn empty() -> Workspace {
    Workspace::new("", crate::core::domain::model::Budget::empty("", 2000))
}

/// The mirror's state for a first input.
fn mirrored(input: &PanelInput) -> Result<State, String> {
    let mut s = State::new(empty());
    s.reduce_mirror(mirror_of(input)?);
    Ok(s)
}

fn mirror_of(input: &PanelInput) -> Result<Mirror, String> {
    let ws = match &input.budget {
        // The page's own budget, written by this build: read without admitting it again.
        Some(text) => file::read_own(text).map_err(|e| e.to_string())?,
        None => empty(),
    };
    Ok(Mirror {
        compare: compared_ids(&ws, input.compare),
        ws,
        rev: input.rev,
        lang: input.lang(),
        editable: input.editable,
        unit_view: input.unit_view.clone(),
        unit: input.unit,
        adjust: input.adjust,
        goal_open: input.goal_open,
        goal_focus: input.goal_focus.clone(),
    })
}
