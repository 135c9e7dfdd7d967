//! The view: turns user actions into core commands and core results into HTML. It
//! computes no figure itself; every number comes from `core::report::Report`.

mod codec;
mod drafting;
mod embed;
mod grid;
mod practice;
mod state;
mod storage;
mod views;

use crate::core::domain::command::Command;
use crate::core::domain::money::Unit;
use crate::core::domain::workspace::Workspace;
use crate::core::figures::report::{Options, Report};
use crate::core::figures::shares::{Trend, YoY};
use crate::core::figures::summary::SharePart;
use crate::core::formats::reference;
use crate::core::present::glossary::tooltip;
use crate::core::present::i18n::{tf, tr, translate, Lang};
use state::{Action, ExplainTarget, Notice, State, Tab};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

/// Mounts the app on the element marked `data-yusuan` (an embedding page's), else `<body>`.
pub fn start() {
    match embed::mount_element() {
        Some(el) => {
            yew::Renderer::<App>::with_root(el).render();
        }
        None => {
            yew::Renderer::<App>::new().render();
        }
    }
}

/// The state to start with, configured by the page: mode, tabs, first budget.
fn initial_state() -> State {
    let (config, problems) = embed::page_config();
    let mut s = stored_or_reference();
    let configured = config.budget != crate::core::config::BudgetSource::Default;
    match embed::configured_workspace(&config) {
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
fn stored_or_reference() -> State {
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
    match storage::load() {
        storage::Loaded::Nothing => State::new(reference_workspace()),
        storage::Loaded::Restored(ws) => State::new(*ws),
        storage::Loaded::Unreadable {
            text,
            problem,
            kept_aside,
        } => {
            let mut s = State::new(reference_workspace());
            s.kept = Some(state::Kept {
                problem,
                url: storage::download_url(&text),
                kept_aside,
            });
            s.autosave = kept_aside;
            s
        }
    }
}

/// One scenario: the embedded reference budget.
fn reference_workspace() -> Workspace {
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
                    if let Err(msg) = storage::save(&s.ws.borrow()) {
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
                            let _ = storage::save(&state.ws.borrow());
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
                embed::fetch_budget(state.clone(), url.clone());
            }
            let listener = web_sys::window().map(|w| {
                let state = state.clone();
                gloo::events::EventListener::new(&w, "message", move |e| {
                    if let Some(e) = e.dyn_ref::<web_sys::MessageEvent>() {
                        // The codec worker talks on its own channel; window messages come
                        // from other pages only.
                        embed::on_message(&state, e);
                    }
                })
            });
            embed::notify_ready(&state.config);
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
                        embed::notify_change(&s.config, &s.ws.borrow(), &report, rev);
                    }));
            }
        });
    }

    // A share link in the address adds its scenario (at start, and when the fragment changes).
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            drafting::open_share_link(state.clone());
            let listener = web_sys::window().map(|w| {
                gloo::events::EventListener::new(&w, "hashchange", move |_| {
                    drafting::open_share_link(state.clone())
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
                { views::print_document(&report, &unit_name, year, state.unit, state.adjust) }
            </div>
        };
    }

    let view_props = |s: &UseReducerHandle<State>| (s.clone(), report.clone());
    let (vs, vr) = view_props(&state);
    let body = match state.tab {
        Tab::Lines => html! { <grid::Grid state={vs} /> },
        Tab::Tables => html! { <views::TablesView state={vs} report={vr} /> },
        Tab::Narrative => html! { <views::NarrativeView state={vs} report={vr} /> },
        Tab::Charts => html! { <views::ChartsView state={vs} report={vr} /> },
        Tab::Checks => html! { <views::ChecksView state={vs} report={vr} /> },
        Tab::Compare => html! { <drafting::CompareView state={vs} /> },
        Tab::Practice => html! { <practice::PracticeView state={vs} report={vr} /> },
        Tab::Glossary => views::glossary_html(),
    };

    html! {
        <div class="app" onkeydown={onkeydown}>
            <HeaderBar state={state.clone()} />
            if state.mode.editable() {
                <drafting::ScenarioBar state={state.clone()} />
                <drafting::ShareBar state={state.clone()} />
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
                <drafting::AdjustPanel state={state.clone()} report={report.clone()} />
            }
            if let Some(data) = state.import.clone() {
                <drafting::ImportPanel state={state.clone()} data={data} />
            }
            <div class="workspace">
                <main id={format!("panel-{}", state.tab.id())} role="tabpanel"
                    aria-labelledby={format!("tab-{}", state.tab.id())} class="panel">
                    { body }
                </main>
                if let Some(target) = state.explain.clone() {
                    <views::ExplainPanel state={state.clone()} report={report.clone()} target={target} />
                }
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct HeaderProps {
    state: UseReducerHandle<State>,
}

#[function_component(HeaderBar)]
fn header_bar(props: &HeaderProps) -> Html {
    let l = props.state.lang;
    let state = &props.state;
    let set_unit = |u: Unit| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::SetUnit(u)))
    };
    let toggle_adjust = {
        let state = state.clone();
        Callback::from(move |_: Event| state.dispatch(Action::ToggleAdjust))
    };
    let print = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Print(true)))
    };
    let undo = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Undo))
    };
    let save = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let (json, name) = {
                let w = state.ws.borrow();
                let sc = w.current();
                (
                    crate::core::formats::file::to_json_named(&sc.budget, &sc.name),
                    format!("{}.json", sc.name),
                )
            };
            offer_download(&state, &json, &name);
        })
    };
    let open = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let Some(file) = chosen_file(&e) else { return };
            let name = file.name();
            let max = crate::core::formats::file::MAX_BYTES as f64;
            if file.size() > max {
                state.dispatch(Action::Notice(Some(Notice::Error(format!(
                    "无法打开“{name}”：{}，当前数据未改变",
                    crate::core::formats::file::FileError::TooLarge {
                        bytes: file.size() as usize
                    }
                )))));
                return;
            }
            let state = state.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let text = wasm_bindgen_futures::JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|v| v.as_string());
                let outcome = match text {
                    None => Err("文件无法读取".to_string()),
                    Some(t) => crate::core::formats::file::read(&t).map_err(|e| e.to_string()),
                };
                match outcome {
                    Ok(ws) => {
                        let parts = ws.into_parts();
                        let n = parts.len();
                        state.dispatch(Action::AddScenarios(
                            parts,
                            format!("已打开“{name}”，新增 {n} 个方案（可撤销）"),
                        ))
                    }
                    Err(msg) => state.dispatch(Action::Notice(Some(Notice::Error(format!(
                        "无法打开“{name}”：{msg}。当前数据未改变"
                    ))))),
                }
            });
        })
    };
    let redo = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Redo))
    };
    let (undo_label, redo_label) = {
        let h = state.history.borrow();
        (
            h.can_undo().map(str::to_string),
            h.can_redo().map(str::to_string),
        )
    };
    let on_name = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
                let name = i.value().trim().to_string();
                if name.is_empty() {
                    state.dispatch(Action::Notice(Some(Notice::Error(
                        "单位名称不能为空".into(),
                    ))));
                } else {
                    state.dispatch(Action::Apply(Command::SetUnitName(name), None));
                }
            }
        })
    };
    let on_year = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
                match i.value().trim().parse::<u16>() {
                    Ok(y) if (1900..=2200).contains(&y) => {
                        state.dispatch(Action::Apply(Command::SetYear(y), None))
                    }
                    _ => state.dispatch(Action::Notice(Some(Notice::Error(format!(
                        "“{}”不是有效的年度（1900–2200）",
                        i.value()
                    ))))),
                }
            }
        })
    };
    let budget = state.budget();
    let unit = state.unit;
    let editable = state.mode.editable();
    html! {
        <header class="topbar">
            <div class="title">
                <h1>{ tr(l, "预算计算器") }</h1>
                if editable {
                    <input class="unit-name" lang="zh-CN" aria-label={tr(l, "单位名称")} value={budget.unit.name.clone()}
                        title={budget.unit.name.clone()}
                        style={format!("width:{}em", (budget.unit.name.chars().count() + 1).clamp(6, 28))}
                        onchange={on_name} maxlength="2000" />
                    <input class="year" type="number" aria-label={tr(l, "预算年度")} min="1900" max="2200"
                        value={budget.unit.year.to_string()} onchange={on_year} />
                    <span class="year-label">{ tr(l, "年度") }</span>
                } else {
                    <span class="unit-name-text" lang="zh-CN" title={budget.unit.name.clone()}>{ &budget.unit.name }</span>
                    <span class="year-label">{ tf(l, "{}年度", &[&budget.unit.year]) }</span>
                    <span class="mode-badge" data-testid="mode">{
                        if state.mode == crate::core::config::Mode::Practice { tr(l, "练习") } else { tr(l, "只读") }
                    }</span>
                }
            </div>
            <div class="controls" role="group" aria-label={tr(l, "显示设置")}>
                if editable {
                <button type="button" onclick={undo} disabled={undo_label.is_none()} data-testid="undo"
                    title={undo_label.as_ref().map(|x| tf(l, "撤销：{}（Ctrl+Z）", &[&translate(l, x)])).unwrap_or_else(|| tr(l, "没有可撤销的操作").into())}>{ tr(l, "↶ 撤销") }</button>
                <button type="button" onclick={redo} disabled={redo_label.is_none()} data-testid="redo"
                    title={redo_label.as_ref().map(|x| tf(l, "重做：{}（Ctrl+Y）", &[&translate(l, x)])).unwrap_or_else(|| tr(l, "没有可重做的操作").into())}>{ tr(l, "↷ 重做") }</button>
                }
                <button type="button" class={classes!((unit == Unit::Wan).then_some("on"))}
                    aria-pressed={(unit == Unit::Wan).to_string()} onclick={set_unit(Unit::Wan)}>{ tr(l, "万元") }</button>
                <button type="button" class={classes!((unit == Unit::Yuan).then_some("on"))}
                    aria-pressed={(unit == Unit::Yuan).to_string()} onclick={set_unit(Unit::Yuan)}>{ tr(l, "元") }</button>
                <label class="adjust" title={tooltip("尾差调整").map(|t| translate(l, t))}>
                    <input type="checkbox" checked={state.adjust} onchange={toggle_adjust} />
                    { tr(l, "尾差调整") }
                </label>
                if editable {
                <label class="file-button" title={tr(l, "打开预算文件（JSON）")}>{ tr(l, "打开…") }
                    <input type="file" accept=".json,application/json" onchange={open} data-testid="open-file" />
                </label>
                <button type="button" onclick={save} title={tr(l, "保存为预算文件（JSON），可再打开")}>{ tr(l, "保存") }</button>
                <button type="button" onclick={{ let s = state.clone(); Callback::from(move |_: MouseEvent| s.dispatch(Action::ShowControl(!s.show_control))) }}
                    aria-pressed={state.show_control.to_string()} title={tr(l, "各资金来源的控制数")}>{ tr(l, "控制数") }</button>
                }
                <button type="button" class="print" onclick={print}>{ tr(l, "打印") }</button>
                <button type="button" class="lang" data-testid="lang" aria-label={tr(l, "界面语言")}
                    onclick={{ let s = state.clone(); Callback::from(move |_: MouseEvent| s.dispatch(Action::SetLang(if s.lang == Lang::En { Lang::Zh } else { Lang::En }))) }}>
                    // Each language names itself.
                    { if l == Lang::En { html! { <span lang="zh-CN">{ "中文" }</span> } } else { html! { "English" } } }
                </button>
            </div>
        </header>
    }
}

/// The state and the report derived from it (shared by every view that shows figures).
use views::ViewProps as ReportProps;

fn yoy_html(y: &Option<YoY>, unit: Unit, l: Lang) -> Html {
    match y {
        None => html! { <span class="muted">{ tr(l, "上年数未填") }</span> },
        Some(y) => {
            let class = match y.trend {
                Trend::Up | Trend::New => "up",
                Trend::Down | Trend::Gone => "down",
                Trend::Flat => "flat",
            };
            html! { <span class={class}>{ y.signed(unit) }</span> }
        }
    }
}

#[function_component(SummaryBar)]
fn summary_bar(props: &ReportProps) -> Html {
    let l = props.state.lang;
    let r = &props.report;
    let s = &r.summary;
    let unit = r.options.unit;
    let explain = |key: &str| {
        let state = props.state.clone();
        let key = key.to_string();
        Callback::from(move |_: FocusEvent| {
            state.dispatch(Action::Explain(Some(ExplainTarget::Figure(key.clone()))))
        })
    };
    let click = |key: &str| {
        let state = props.state.clone();
        let key = key.to_string();
        Callback::from(move |_: MouseEvent| {
            state.dispatch(Action::Explain(Some(ExplainTarget::Figure(key.clone()))))
        })
    };
    // Practice: the figures still to be worked out show as “？”.
    let (hidden, _) = practice::hidden(&props.state, r);
    let masked = |key: &str| hidden.iter().any(|k| k == key);
    let fig = |key: &str, testid: &str, text: String| {
        if masked(key) {
            return html! {
                <span class="figure masked" data-testid={testid.to_string()} title={tr(l, "练习中：答对后显示")}>{ tr(l, "？") }</span>
            };
        }
        html! {
            <button type="button" class="figure" data-testid={testid.to_string()}
                onclick={click(key)} onfocus={explain(key)} title={tr(l, "查看计算过程")}>{ text }</button>
        }
    };
    let yoy = |key: &str, y: &Option<YoY>| {
        if masked(&format!("yoy:{key}")) {
            html! { <span class="masked">{ tr(l, "？") }</span> }
        } else {
            yoy_html(y, unit, l)
        }
    };
    let balanced = s.is_balanced();
    let (errors, warnings) = r.check_counts();
    let to_checks = {
        let state = props.state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::SetTab(Tab::Checks)))
    };
    let share =
        |p: &SharePart, testid: &str| fig(&format!("{}_share", p.key), testid, p.shown_text());
    let basic = &s.kind_shares[0];
    let project = &s.kind_shares[1];
    html! {
        <section class="summary" aria-label={tr(l, "摘要")} data-testid="summary">
            <div class="card">
                <div class="label">{ tr(l, "收入总计") }</div>
                <div class="value">{ fig("income_total", "income-total", s.income_total.display(unit)) }</div>
                <div class="sub">{ tr(l, "比上年 ") }{ yoy("income_total", &s.yoy_income) }</div>
            </div>
            <div class="card">
                <div class="label">{ tr(l, "支出总计") }</div>
                <div class="value">{ fig("expense_total", "expense-total", s.expense_total.display(unit)) }</div>
                <div class="sub">{ tr(l, "比上年 ") }{ yoy("expense_total", &s.yoy_expense) }</div>
            </div>
            <div class={classes!("card", if balanced { "ok" } else { "bad" })}>
                <div class="label">{ tr(l, "收支状况") }</div>
                <div class="value" data-testid="balance">{
                    if balanced { tr(l, "收支平衡").to_string() }
                    else { tf(l, "相差 {}", &[&s.imbalance().display(unit)]) }
                }</div>
            </div>
            <div class="card">
                <div class="label" title={tooltip("基本支出").map(|t| translate(l, t))}>{ tr(l, "基本支出") }</div>
                <div class="value">{ fig("basic", "basic", basic.amount.display(unit)) }</div>
                <div class="sub">{ tr(l, "占 ") }{ share(basic, "basic-share") }</div>
            </div>
            <div class="card">
                <div class="label" title={tooltip("项目支出").map(|t| translate(l, t))}>{ tr(l, "项目支出") }</div>
                <div class="value">{ fig("project", "project", project.amount.display(unit)) }</div>
                <div class="sub">{ tr(l, "占 ") }{ share(project, "project-share") }</div>
            </div>
            <div class="card">
                <div class="label">{ tr(l, "一般公共预算当年拨款") }</div>
                <div class="value">{ fig("general_public_current", "gp-current", s.general_public_current.display(unit)) }</div>
                <div class="sub">{ tr(l, "比上年 ") }{ yoy("general_public_current", &s.yoy_general_public) }</div>
            </div>
            if !s.control.is_empty() {
                <ControlCard state={props.state.clone()} report={props.report.clone()} />
            }
            <div class={classes!("card", (errors > 0).then_some("bad"))}>
                <div class="label">{ tr(l, "检查") }</div>
                <button type="button" class="value checks-count" data-testid="check-count" onclick={to_checks}>
                    { tf(l, "{}个错误 {}个警告", &[&errors, &warnings]) }
                </button>
            </div>
            <div class="unit-note">{ tf(l, "单位：{}", &[&tr(l, unit.label())]) }</div>
        </section>
    }
}

#[function_component(TabBar)]
fn tab_bar(props: &ReportProps) -> Html {
    let l = props.state.lang;
    let state = &props.state;
    let tabs: Vec<Tab> = Tab::ALL
        .iter()
        .copied()
        .filter(|t| state.config.shows(t.id()))
        .collect();
    let onkeydown = {
        let state = state.clone();
        let tabs = tabs.clone();
        Callback::from(move |e: KeyboardEvent| {
            let i = tabs.iter().position(|t| *t == state.tab).unwrap_or(0);
            let n = tabs.len().max(1);
            let next = match e.key().as_str() {
                "ArrowRight" => Some((i + 1) % n),
                "ArrowLeft" => Some((i + n - 1) % n),
                "Home" => Some(0),
                "End" => Some(n - 1),
                _ => None,
            };
            if let Some(j) = next {
                e.prevent_default();
                let Some(tab) = tabs.get(j).copied() else {
                    return;
                };
                state.dispatch(Action::SetTab(tab));
                if let Some(el) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id(&format!("tab-{}", tab.id())))
                {
                    use wasm_bindgen::JsCast;
                    if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                        let _ = el.focus();
                    }
                }
            }
        })
    };
    let (errors, _) = props.report.check_counts();
    html! {
        <nav class="tabs" role="tablist" aria-label={tr(l, "视图")} onkeydown={onkeydown}>
            { for tabs.iter().map(|&t| {
                let selected = state.tab == t;
                let onclick = {
                    let state = state.clone();
                    Callback::from(move |_: MouseEvent| state.dispatch(Action::SetTab(t)))
                };
                html! {
                    <button type="button" role="tab" id={format!("tab-{}", t.id())}
                        aria-selected={selected.to_string()} aria-controls={format!("panel-{}", t.id())}
                        tabindex={if selected { "0" } else { "-1" }} class={classes!(selected.then_some("on"))}
                        onclick={onclick}>
                        { tr(l, t.label()) }
                        if t == Tab::Checks && errors > 0 { <span class="badge">{ errors }</span> }
                    </button>
                }
            }) }
        </nav>
    }
}

#[function_component(NoticeBar)]
fn notice_bar(props: &HeaderProps) -> Html {
    let l = props.state.lang;
    let state = &props.state;
    let close = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Notice(None)))
    };
    match &state.notice {
        None => html! { <div class="notice empty" role="status" aria-live="polite"></div> },
        Some(n) => {
            let (class, text, items) = match n {
                Notice::Info(t) => ("info", t.clone(), Vec::new()),
                Notice::Error(t) => ("error", t.clone(), Vec::new()),
                Notice::Errors(t, items) => ("error", t.clone(), items.clone()),
            };
            html! {
                <div class={classes!("notice", class)} role={if class == "error" { "alert" } else { "status" }}
                    data-testid="notice">
                    <span>{ translate(l, &text) }</span>
                    if !items.is_empty() {
                        <ul>{ for items.iter().map(|i| html! { <li>{ translate(l, i) }</li> }) }</ul>
                    }
                    <button type="button" class="close" onclick={close} aria-label={tr(l, "关闭提示")}>{ "✕" }</button>
                </div>
            }
        }
    }
}

/// The summary card of 控制数: headroom, or the excess of any source over its figure.
#[function_component(ControlCard)]
fn control_card(props: &ReportProps) -> Html {
    let l = props.state.lang;
    let s = &props.report.summary;
    let unit = props.report.options.unit;
    let excess: crate::core::domain::money::Money = s
        .control
        .iter()
        .filter(|c| c.headroom().is_negative())
        .map(|c| -c.headroom())
        .sum();
    let headroom: crate::core::domain::money::Money = s.control.iter().map(|c| c.headroom()).sum();
    let detail: Vec<String> = s
        .control
        .iter()
        .map(|c| {
            tf(
                l,
                "{}：控制数{}，已安排{}，{}{}",
                &[
                    &c.name,
                    &c.limit.display(unit),
                    &c.spent.display(unit),
                    &tr(
                        l,
                        if c.headroom().is_negative() {
                            "超出"
                        } else {
                            "尚余"
                        },
                    ),
                    &c.headroom().abs().display(unit),
                ],
            )
        })
        .collect();
    let open = {
        let state = props.state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::ShowControl(true)))
    };
    let over = !excess.is_zero();
    html! {
        <div class={classes!("card", if over { "bad" } else { "ok" })} title={detail.join("\n")}>
            <div class="label">{ tr(l, "控制数") }</div>
            <button type="button" class="value checks-count" data-testid="control" onclick={open}>{
                if over { tf(l, "超出 {}", &[&excess.display(unit)]) } else { tf(l, "尚余 {}", &[&headroom.display(unit)]) }
            }</button>
        </div>
    }
}

/// Entering 控制数 per fund source, in the unit on screen; an empty field removes it.
#[function_component(ControlPanel)]
fn control_panel(props: &HeaderProps) -> Html {
    let l = props.state.lang;
    let state = &props.state;
    let budget = state.budget();
    let unit = state.unit;
    let close = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::ShowControl(false)))
    };
    html! {
        <section class="control-panel" aria-label={tr(l, "控制数")} data-testid="control-panel">
            <strong>{ tf(l, "控制数（{}）", &[&tr(l, unit.label())]) }</strong>
            { for budget.sources.iter().map(|src| {
                let current = budget.control_figures.get(&src.id).map(|m| m.edit_text(unit)).unwrap_or_default();
                let id = src.id.clone();
                let onchange = {
                    let state = state.clone();
                    Callback::from(move |e: Event| {
                        let Some(input) = e.target_dyn_into::<HtmlInputElement>() else { return };
                        let text = input.value();
                        let amount = if text.trim().is_empty() {
                            Ok(None)
                        } else {
                            crate::core::domain::money::Money::parse_in(&text, state.unit).map(Some)
                        };
                        match amount {
                            Ok(amount) => state.dispatch(Action::Apply(
                                Command::SetControlFigure { source: id.clone(), amount },
                                Some("修改控制数".into()),
                            )),
                            Err(err) => state.dispatch(Action::Notice(Some(Notice::Error(format!(
                                "控制数未修改：{err}"
                            ))))),
                        }
                    })
                };
                let field = format!("control-{}", src.id);
                html! {
                    <label for={field.clone()} key={format!("{}:{}:{:?}", src.id, current, unit)}>
                        <span lang="zh-CN">{ &src.name }</span>
                        <input id={field} inputmode="decimal" defaultvalue={current} onchange={onchange}
                            placeholder={tr(l, "未设")} />
                    </label>
                }
            }) }
            <button type="button" class="close" onclick={close} aria-label={tr(l, "关闭控制数")}>{ "✕" }</button>
        </section>
    }
}

/// The file a user chose in an `<input type=file>`; the input is reset so that the same
/// file can be chosen again later.
pub(crate) fn chosen_file(e: &Event) -> Option<web_sys::File> {
    let input = e.target_dyn_into::<HtmlInputElement>()?;
    let file = input.files().and_then(|f| f.get(0))?;
    input.set_value("");
    Some(file)
}

/// Offers `text` as a download named `name`; a failure is shown in the status bar.
pub(crate) fn offer_download(state: &UseReducerHandle<State>, text: &str, name: &str) {
    if let Err(msg) = download(text, name) {
        state.dispatch(Action::Notice(Some(Notice::Error(msg))));
    }
}

/// Offers `text` as a file download (a same-origin `blob:` link; nothing is sent anywhere).
fn download(text: &str, name: &str) -> Result<(), String> {
    let mime = if name.ends_with(".csv") {
        "text/csv;charset=utf-8"
    } else {
        "application/json"
    };
    let url = storage::blob_url(text, mime).ok_or_else(|| "浏览器不允许下载文件".to_string())?;
    download_url(url, name)
}

/// Offers bytes (an XLSX workbook) as a download, like [`offer_download`].
pub(crate) fn offer_bytes(state: &UseReducerHandle<State>, bytes: &[u8], name: &str, mime: &str) {
    let url = storage::bytes_url(bytes, mime).ok_or_else(|| "浏览器不允许下载文件".to_string());
    if let Err(msg) = url.and_then(|u| download_url(u, name)) {
        state.dispatch(Action::Notice(Some(Notice::Error(msg))));
    }
}

fn download_url(url: String, name: &str) -> Result<(), String> {
    let fail = || "浏览器不允许下载文件".to_string();
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(fail)?;
    let a = document
        .create_element("a")
        .map_err(|_| fail())?
        .dyn_into::<web_sys::HtmlElement>()
        .map_err(|_| fail())?;
    a.set_attribute("href", &url).map_err(|_| fail())?;
    a.set_attribute("download", name).map_err(|_| fail())?;
    a.click();
    // Free the file's memory once the download has started.
    gloo::timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}
