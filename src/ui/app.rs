//! The app: initial state (stored, configured or the reference), effects, layout.

use crate::core::domain::workspace::Workspace;
use crate::core::formats::reference;
use crate::core::present::i18n::{tf, tr, translate, Lang};
use crate::ui::effects::{
    use_autosave, use_document_lang, use_embedding, use_other_tabs, use_print, use_report,
    use_share_links, use_storage, use_undo_keys,
};
use crate::ui::header::{ControlPanel, HeaderBar};
use crate::ui::state::{Action, Notice, State, Tab};
use crate::ui::summary::{NoticeBar, SummaryBar, TabBar};
use std::rc::Rc;
use web_sys::KeyboardEvent;
use yew::prelude::*;

/// The state to start with, configured by the page: mode, tabs, first budget.
pub(crate) fn initial_state() -> State {
    let (config, problems) = crate::ui::embed::page_config();
    let mut s = stored_or_reference();
    let configured = config.budget != crate::core::config::BudgetSource::Default;
    match crate::ui::embed::configured_workspace(&config) {
        Some(Ok(ws)) => *s.ws.borrow_mut() = ws,
        Some(Err(e)) => {
            s.notice = Some(Notice::Error(format!(
                "内嵌预算无法读取：{e}。显示的是默认预算"
            )))
        }
        None => {}
    }
    if !problems.is_empty() {
        s.notice = Some(Notice::Errors(
            "页面配置有误，已使用默认值：".into(),
            problems,
        ));
    }
    s.loading = matches!(config.budget, crate::core::config::BudgetSource::Url(_));
    s.mode = config.mode;
    s.lang = config.lang;
    if s.lang == crate::core::present::i18n::Lang::En && !crate::core::present::i18n::installed() {
        s.lang = crate::core::present::i18n::Lang::Zh;
        if s.notice.is_none() {
            s.notice = Some(Notice::Error("无法载入英文界面，仍显示中文".into()));
        }
    }
    // A configured budget is the page's, not the user's: it is not saved over their work.
    // Read-only and practice pages change nothing, so there is nothing to save.
    if configured || !config.mode.editable() {
        s.autosave = false;
    }
    // IndexedDB is read before anything can be typed (effects::use_storage).
    s.loading |= s.autosave && crate::ui::storage::indexed_db_exists();
    s.tab = Tab::ALL
        .iter()
        .copied()
        .filter(|t| config.shows(t.id()))
        .find(|t| config.mode != crate::core::config::Mode::Practice || *t == Tab::Practice)
        .or_else(|| Tab::ALL.iter().copied().find(|t| config.shows(t.id())))
        .unwrap_or(Tab::Lines);
    s.config = Rc::new(config);
    s
}

/// The budget saved in this browser, else the embedded reference.
/// With `?lines=N` (1–200,000) a generated budget of N lines, for measuring the editor on
/// large budgets; it is never saved, so it cannot overwrite the user's work.
pub(crate) fn stored_or_reference() -> State {
    let query = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let params = web_sys::UrlSearchParams::new_with_str(&query).ok();
    if let Some(n) = params.and_then(|p| p.get("lines")) {
        let mut s = match n.parse::<usize>() {
            Ok(n) if (1..=200_000).contains(&n) => State::new(Workspace::new(
                &format!("{n} 行测试预算"),
                reference::synthetic(n),
            )),
            _ => {
                let mut s = State::new(reference_workspace());
                s.notice = Some(Notice::Error(format!(
                    "参数 lines={n} 无效（应为1到200000的整数），已载入参考预算。"
                )));
                s
            }
        };
        s.autosave = false;
        return s;
    }
    stored_state()
}

/// The state from localStorage (an earlier build's data, or where IndexedDB is missing).
fn stored_state() -> State {
    match crate::ui::storage::load() {
        crate::ui::storage::Loaded::Nothing => {
            let ws = reference_workspace();
            crate::ui::storage::start_from(&ws);
            State::new(ws)
        }
        crate::ui::storage::Loaded::Restored(ws) => State::new(*ws),
        crate::ui::storage::Loaded::Unreadable {
            text,
            problem,
            kept_aside,
        } => {
            let mut s = State::new(reference_workspace());
            s.kept = Some(crate::ui::state::Kept {
                problem,
                url: crate::ui::storage::download_url(&text),
                kept_aside,
            });
            s.autosave = kept_aside;
            s
        }
    }
}

/// One scenario: the embedded reference budget.
/// Named as what it is to a newcomer: an example, not their budget.
pub(crate) fn reference_workspace() -> Workspace {
    let b = reference::budget();
    let name = format!(
        "示例：{}{}年{}预算",
        b.unit.name,
        b.unit.year,
        b.kind.word()
    );
    Workspace::new(&name, b)
}

/// Whether the page shows what the app is and offers a budget of one's own first: while
/// the only scenario is the untouched example (a first visit), in a page that edits.
fn welcome_shown(state: &State) -> bool {
    if state.rev != 0 || !state.mode.editable() {
        return false;
    }
    let ws = state.ws.borrow();
    // The kept copy: not a parse of the embedded file at every render of a first visit.
    ws.scenarios().len() == 1 && ws.budget() == reference::shared()
}

/// The first screen's word: what this is, and 新建预算… before the example.
fn welcome(l: Lang, closed: &UseStateHandle<bool>) -> Html {
    let start = Callback::from(|_: MouseEvent| {
        // The scenario bar's 新建预算… opens its form where it stands.
        let button = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector("[data-testid=new-budget]").ok().flatten())
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
        if let Some(b) = button {
            b.click();
        }
    });
    let close = {
        let closed = closed.clone();
        Callback::from(move |_: MouseEvent| closed.set(true))
    };
    html! {
        <section class="welcome" data-testid="welcome" aria-label={tr(l, "欢迎")}>
            <p>{ tr(l, "预算计算器在浏览器中编制单位预算和部门预算：录入预算明细，公开表、占比、增减变化、情况说明和检查随每次修改即时重算。数据只保存在本机，不上传。") }</p>
            <p>
                <button type="button" class="primary" data-testid="welcome-new" onclick={start}>{ tr(l, "新建自己的预算…") }</button>
                <span class="muted">{ tr(l, "当前显示的是示例：晋城市行政审批服务管理局2023年单位预算。") }</span>
            </p>
            <button type="button" class="close" aria-label={tr(l, "关闭提示")} onclick={close}>{ "✕" }</button>
        </section>
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(initial_state);
    let l = state.lang;
    let welcome_closed = use_state(|| false);
    // 核对文档 (in the panels module) stays mounted once opened, hidden on other tabs, so
    // that its files are kept while the page is open; they are never saved.
    let verify_seen = use_mut_ref(|| false);
    if state.tab == Tab::Verify {
        *verify_seen.borrow_mut() = true;
    }
    let verify_input = use_memo(l, |l| crate::ui::lazy::no_budget(*l));

    use_storage(&state);
    use_autosave(&state);
    use_other_tabs(&state);
    let report = use_report(&state);
    use_document_lang(l);
    use_undo_keys(&state);
    use_embedding(&state, &report);
    use_share_links(&state);
    use_print(&state);

    let onkeydown = {
        let state = state.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && state.explain.is_some() && state.editing.is_none() {
                state.dispatch(Action::Explain(None));
            }
        })
    };

    let budget = state.budget();
    let unit_name = budget.unit.name.clone();
    let year = budget.unit.year;
    let word = budget.kind.word();
    drop(budget);

    if state.loading {
        return html! {
            <div class="app loading" role="status" data-testid="loading">{ tr(l, "正在载入预算…") }</div>
        };
    }

    if state.printing {
        let close = {
            let state = state.clone();
            Callback::from(move |_: MouseEvent| state.dispatch(Action::Print(false)))
        };
        return html! {
            <div class="app printing">
                <div class="print-bar">
                    <button type="button" onclick={close}>{ tr(l, "← 返回编辑") }</button>
                    <span>{ tr(l, "打印预览：用浏览器的打印功能另存为 PDF（A4）。") }</span>
                </div>
                if state.print_staffing {
                    { crate::ui::views::print::staffing_document(&state.budget(), &unit_name, year) }
                } else {
                    { crate::ui::views::print::print_document(&report, (&unit_name, year, word), state.unit, state.adjust, &state.budget().goals) }
                }
            </div>
        };
    }

    let view_props = |s: &UseReducerHandle<State>| (s.clone(), report.clone());
    let (vs, vr) = view_props(&state);
    // Practice: the tables and charts give the answers of the summary's exercises away (a
    // table's 合计, a chart's share): a page that shows them says so until all are answered.
    let pending = state.practice_pending();
    let body = match state.tab {
        Tab::Tables | Tab::Charts if pending > 0 => html! {
            <p class="empty" data-testid="practice-withheld">{ tf(l, "练习中：还有{}道题未答对，答完后显示。", &[&pending]) }</p>
        },
        Tab::Lines => html! { <crate::ui::grid::Grid state={vs} /> },
        Tab::Income => html! { <crate::ui::lazy::MirrorHost state={vs} kind="income" /> },
        Tab::Staffing => html! { <crate::ui::lazy::MirrorHost state={vs} kind="staffing" /> },
        Tab::Tables => html! { <crate::ui::views::tables::TablesView state={vs} report={vr} /> },
        Tab::Narrative => {
            html! { <crate::ui::views::narrative::NarrativeView state={vs} report={vr} /> }
        }
        Tab::Goals => html! { <crate::ui::lazy::MirrorHost state={vs} kind="goals" /> },
        Tab::Charts => html! { <crate::ui::views::charts::ChartsView state={vs} report={vr} /> },
        Tab::Checks => html! { <crate::ui::views::checks::ChecksView state={vs} report={vr} /> },
        Tab::Verify => html! {},
        Tab::Compare => html! { <crate::ui::lazy::MirrorHost state={vs} kind="compare" /> },
        Tab::Practice => html! { <crate::ui::practice::PracticeView state={vs} report={vr} /> },
        Tab::Glossary => crate::ui::views::checks::glossary_html(),
    };

    html! {
        <div class="app" onkeydown={onkeydown}>
            <HeaderBar state={state.clone()} />
            if state.mode.editable() {
                <crate::ui::drafting::scenarios::ScenarioBar state={state.clone()} />
                <crate::ui::drafting::share::ShareBar state={state.clone()} />
            }
            if welcome_shown(&state) && !*welcome_closed {
                { welcome(l, &welcome_closed) }
            }
            <SummaryBar state={state.clone()} report={report.clone()} />
            <div class="tabs-row">
                <TabBar state={state.clone()} report={report.clone()} />
                <crate::ui::units::UnitViewSelect state={state.clone()} />
            </div>
            if let Some(kept) = state.kept.clone() {
                <div class="notice error kept" role="alert" data-testid="kept">
                    <span>{ tf(l,
                        "上次自动保存的数据无法读取（{}），{}现显示参考预算。",
                        &[&translate(l, &kept.problem),
                          &tr(l, if kept.kept_aside { "已原样另存，不会被覆盖；" } else { "已保留原处，本次不自动保存；" })]
                    ) }</span>
                    if let Some(url) = kept.url.clone() {
                        <a href={url} download="预算计算器-无法读取的保存数据.json">{ tr(l, "下载保存的数据") }</a>
                    }
                    <button type="button" class="close" aria-label={tr(l, "关闭提示")}
                        onclick={{ let s = state.clone(); Callback::from(move |_: MouseEvent| s.dispatch(Action::DismissKept)) }}>{ "✕" }</button>
                </div>
            }
            <NoticeBar state={state.clone()} />
            if state.show_control {
                <ControlPanel state={state.clone()} />
            }
            if state.show_units {
                <crate::ui::lazy::MirrorHost state={state.clone()} kind="units" />
            }
            if state.show_adjust {
                <crate::ui::lazy::MirrorHost state={state.clone()} kind="adjust" />
            }
            if state.code_list.is_some() {
                <crate::ui::lazy::MirrorHost state={state.clone()} kind="codelist" />
            }
            if state.import.is_some() {
                <crate::ui::lazy::MirrorHost state={state.clone()} kind="import" />
            }
            <div class="workspace">
                <main id={format!("panel-{}", state.tab.id())} role="tabpanel"
                    aria-labelledby={format!("tab-{}", state.tab.id())} class="panel">
                    { body }
                    if *verify_seen.borrow() {
                        <crate::ui::lazy::Lazy kind="verify" input={(*verify_input).clone()} lang={l}
                            hidden={state.tab != Tab::Verify} />
                    }
                </main>
                if let Some(target) = state.explain.clone() {
                    <crate::ui::views::explain::ExplainPanel state={state.clone()} report={report.clone()} target={target} />
                }
            </div>
        </div>
    }
}
