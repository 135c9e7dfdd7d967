//! The app: initial state (stored, configured or the reference), effects, layout.

use crate::core::domain::workspace::Workspace;
use crate::core::figures::report::{Options, Report};
use crate::core::formats::reference;
use crate::core::present::i18n::{tf, tr, translate};
use crate::ui::header::{ControlPanel, HeaderBar};
use crate::ui::state::{Action, Notice, State, Tab};
use crate::ui::summary::{NoticeBar, SummaryBar, TabBar};
use std::rc::Rc;
use wasm_bindgen::JsCast;
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
    // A configured budget is the page's, not the user's: it is not saved over their work.
    // Read-only and practice pages change nothing, so there is nothing to save.
    if configured || !config.mode.editable() {
        s.autosave = false;
    }
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
    match crate::ui::storage::load() {
        crate::ui::storage::Loaded::Nothing => State::new(reference_workspace()),
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
pub(crate) fn reference_workspace() -> Workspace {
    let b = reference::budget();
    Workspace::new(&crate::core::formats::file::default_name(&b), b)
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(initial_state);
    let l = state.lang;

    // Autosave: shortly after the last change, and at once when the page is left.
    let pending = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
    {
        let state = state.clone();
        let pending = pending.clone();
        use_effect_with(state.rev, move |rev| {
            if *rev > 0 && state.autosave {
                let s = state.clone();
                let timeout = gloo::timers::callback::Timeout::new(300, move || {
                    if let Err(msg) = crate::ui::storage::save(&s.ws.borrow()) {
                        s.dispatch(Action::Notice(Some(Notice::Error(msg))));
                    }
                });
                // Replacing the handle cancels the previous, not yet run, save.
                *pending.borrow_mut() = Some(timeout);
            }
        });
    }
    {
        let state = state.clone();
        let pending = pending.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                gloo::events::EventListener::new(&w, "pagehide", move |_| {
                    if let Some(t) = pending.borrow_mut().take() {
                        t.cancel();
                        if state.autosave {
                            let _ = crate::ui::storage::save(&state.ws.borrow());
                        }
                    }
                })
            });
            move || drop(listener)
        });
    }
    let report: Rc<Report> = {
        let ws = state.ws.clone();
        // Tables 12/13 are built only where they are shown.
        let all_tables = state.tab == Tab::Tables || state.printing;
        use_memo(
            (state.rev, state.unit, state.adjust, all_tables),
            move |(_, unit, adjust, all)| {
                Report::build(ws.borrow().budget(), Options::new(*unit, *adjust, *all))
            },
        )
    };

    // The document's language follows the interface (screen readers, hyphenation, fonts).
    use_effect_with(l, |l| {
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("lang", l.code());
        }
    });

    // Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y, on the window: they also work when nothing has focus
    // (key events then go to <body>, e.g. after a button that removed itself). Text fields
    // keep their own undo, and keys from a host page's own elements are left alone.
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                // Not passive: the browser's own undo must be prevented.
                let active = gloo::events::EventListenerOptions::enable_prevent_default();
                gloo::events::EventListener::new_with_options(&w, "keydown", active, move |e| {
                    let Some(e) = e.dyn_ref::<KeyboardEvent>() else {
                        return;
                    };
                    if !(e.ctrl_key() || e.meta_key()) || e.alt_key() {
                        return;
                    }
                    let ours = e
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .is_none_or(|el| {
                            let page = matches!(el.tag_name().as_str(), "BODY" | "HTML");
                            let in_app = el.closest(".app").ok().flatten().is_some();
                            let in_text = matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA")
                                && el.get_attribute("data-testid").as_deref() != Some("grid-keys");
                            (page || in_app) && !in_text
                        });
                    if !ours {
                        return;
                    }
                    match e.key().as_str() {
                        "z" | "Z" if !e.shift_key() => {
                            e.prevent_default();
                            state.dispatch(Action::Undo);
                        }
                        "z" | "Z" | "y" | "Y" => {
                            e.prevent_default();
                            state.dispatch(Action::Redo);
                        }
                        _ => {}
                    }
                })
            });
            move || drop(listener)
        });
    }

    // Embedding: a configured budget URL, the host's messages, change events for the host.
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            if let crate::core::config::BudgetSource::Url(url) = &state.config.budget {
                crate::ui::embed::fetch_budget(state.clone(), url.clone());
            }
            let listener = web_sys::window().map(|w| {
                let state = state.clone();
                gloo::events::EventListener::new(&w, "message", move |e| {
                    if let Some(e) = e.dyn_ref::<web_sys::MessageEvent>() {
                        // The codec worker talks on its own channel; window messages come
                        // from other pages only.
                        crate::ui::embed::on_message(&state, e);
                    }
                })
            });
            crate::ui::embed::notify_ready(&state.config);
            move || drop(listener)
        });
    }
    {
        let state = state.clone();
        let report = report.clone();
        let pending = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
        use_effect_with(state.rev, move |rev| {
            if *rev > 0 && !state.config.origins.is_empty() {
                let s = state.clone();
                let rev = *rev;
                *pending.borrow_mut() =
                    Some(gloo::timers::callback::Timeout::new(300, move || {
                        crate::ui::embed::notify_change(&s.config, &s.ws.borrow(), &report, rev);
                    }));
            }
        });
    }

    // A share link in the address adds its scenario (at start, and when the fragment changes).
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            crate::ui::drafting::share::open_share_link(state.clone());
            let listener = web_sys::window().map(|w| {
                gloo::events::EventListener::new(&w, "hashchange", move |_| {
                    crate::ui::drafting::share::open_share_link(state.clone())
                })
            });
            move || drop(listener)
        });
    }

    // The browser's own print (Ctrl+P) shows the print document too.
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            let window = web_sys::window();
            let listeners = window.map(|w| {
                let s1 = state.clone();
                let before = gloo::events::EventListener::new(&w, "beforeprint", move |_| {
                    s1.dispatch(Action::Print(true))
                });
                let s2 = state.clone();
                let after = gloo::events::EventListener::new(&w, "afterprint", move |_| {
                    s2.dispatch(Action::Print(false))
                });
                (before, after)
            });
            move || drop(listeners)
        });
    }
    // The 打印 button: render the document, then open the print dialog.
    {
        let printing = state.printing;
        use_effect_with(printing, move |p| {
            if *p {
                if let Some(w) = web_sys::window() {
                    let _ = w.print();
                }
            }
        });
    }

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
                { crate::ui::views::print::print_document(&report, &unit_name, year, state.unit, state.adjust) }
            </div>
        };
    }

    let view_props = |s: &UseReducerHandle<State>| (s.clone(), report.clone());
    let (vs, vr) = view_props(&state);
    let body = match state.tab {
        Tab::Lines => html! { <crate::ui::grid::Grid state={vs} /> },
        Tab::Tables => html! { <crate::ui::views::tables::TablesView state={vs} report={vr} /> },
        Tab::Narrative => {
            html! { <crate::ui::views::narrative::NarrativeView state={vs} report={vr} /> }
        }
        Tab::Charts => html! { <crate::ui::views::charts::ChartsView state={vs} report={vr} /> },
        Tab::Checks => html! { <crate::ui::views::checks::ChecksView state={vs} report={vr} /> },
        Tab::Compare => html! { <crate::ui::drafting::compare::CompareView state={vs} /> },
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
            <SummaryBar state={state.clone()} report={report.clone()} />
            <TabBar state={state.clone()} report={report.clone()} />
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
            if state.show_adjust {
                <crate::ui::drafting::adjust::AdjustPanel state={state.clone()} report={report.clone()} />
            }
            if let Some(data) = state.import.clone() {
                <crate::ui::drafting::import::ImportPanel state={state.clone()} data={data} />
            }
            <div class="workspace">
                <main id={format!("panel-{}", state.tab.id())} role="tabpanel"
                    aria-labelledby={format!("tab-{}", state.tab.id())} class="panel">
                    { body }
                </main>
                if let Some(target) = state.explain.clone() {
                    <crate::ui::views::explain::ExplainPanel state={state.clone()} report={report.clone()} target={target} />
                }
            </div>
        </div>
    }
}
