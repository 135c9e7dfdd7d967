//! The app's effects as hooks, one per concern: autosave, the memoised report, the
//! document's language, undo keys, embedding, share links in the address, printing.

use crate::core::domain::workspace::{ScenarioId, Workspace};
use crate::core::figures::aggregate::Aggregate;
use crate::core::figures::report::{Options, Report};
use crate::core::present::i18n::Lang;
use crate::ui::state::{Action, Edited, Notice, State, Tab};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;
use yew::prelude::*;

/// Autosave: shortly after the last change, and at once when the page is left.
#[hook]
pub fn use_autosave(state: &UseReducerHandle<State>) {
    let pending = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
    {
        let state = state.clone();
        let pending = pending.clone();
        use_effect_with(state.rev, move |rev| {
            if *rev > 0 && state.autosave && !state.loading {
                let s = state.clone();
                let fired = pending.clone();
                let timeout = gloo::timers::callback::Timeout::new(300, move || {
                    fired.borrow_mut().take();
                    run_save(s);
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
                            crate::ui::storage::save_now(&state.ws.borrow());
                        }
                    }
                })
            });
            move || drop(listener)
        });
    }
}

/// One save at a time: a save asked for while one runs follows it.
fn run_save(s: UseReducerHandle<State>) {
    if !crate::ui::storage::begin_save() {
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        loop {
            let to = s.clone();
            let shown = move |m: crate::ui::storage::Merged| {
                to.dispatch(Action::Merged(Box::new(m.ws), m.conflicts))
            };
            if let Err(msg) = crate::ui::storage::save(s.ws.clone(), shown).await {
                s.dispatch(Action::Notice(Some(Notice::Error(msg))));
            }
            if !crate::ui::storage::end_save() {
                break;
            }
        }
    });
}

/// Storage at start: IndexedDB opened and read (the app shows “正在载入预算…” meanwhile, so
/// nothing is typed into a budget about to be replaced); localStorage where it is missing.
#[hook]
pub fn use_storage(state: &UseReducerHandle<State>) {
    let state = state.clone();
    use_effect_with((), move |_| {
        let mut waiting = None;
        if state.autosave && state.loading {
            let done = std::rc::Rc::new(std::cell::Cell::new(false));
            let s = state.clone();
            let answered = done.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let opened = crate::ui::storage::open().await;
                if !answered.replace(true) {
                    s.dispatch(Action::StorageOpened(std::rc::Rc::new(opened)));
                }
            });
            // No answer in 4 s: go on with localStorage rather than wait for ever.
            let s = state.clone();
            waiting = Some(gloo::timers::callback::Timeout::new(4_000, move || {
                if !done.replace(true) {
                    crate::ui::storage::give_up();
                    let unavailable = crate::ui::storage::Opened::Unavailable;
                    s.dispatch(Action::StorageOpened(std::rc::Rc::new(unavailable)));
                }
            }));
        }
        move || drop(waiting)
    });
}

/// Other tabs: when another tab of this app saves, its changes are merged into this tab's
/// at once (a `storage` event), so both show every edit (docs/MULTI-TAB.md).
#[hook]
pub fn use_other_tabs(state: &UseReducerHandle<State>) {
    let state = state.clone();
    use_effect_with((), move |_| {
        let channel = state
            .autosave
            .then(|| web_sys::BroadcastChannel::new(crate::ui::storage::CHANNEL).ok())
            .flatten();
        let heard = channel.as_ref().map(|ch| {
            let state = state.clone();
            gloo::events::EventListener::new(ch, "message", move |_| {
                let s = state.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    if let Some(m) = crate::ui::storage::remote_idb(s.ws.clone()).await {
                        s.dispatch(Action::Merged(Box::new(m.ws), m.conflicts));
                    }
                });
            })
        });
        let listener = web_sys::window().filter(|_| state.autosave).map(|w| {
            gloo::events::EventListener::new(&w, "storage", move |e| {
                let Some(e) = e.dyn_ref::<web_sys::StorageEvent>() else {
                    return;
                };
                if e.key().as_deref() != Some(crate::ui::storage::KEY) {
                    return;
                }
                let Some(theirs) = e.new_value() else {
                    return;
                };
                let merged = crate::ui::storage::remote(&state.ws.borrow(), &theirs);
                if let Some(m) = merged {
                    state.dispatch(Action::Merged(Box::new(m.ws), m.conflicts));
                }
            })
        });
        move || {
            drop(listener);
            drop(heard);
            if let Some(ch) = channel {
                ch.close();
            }
        }
    });
}

/// The sums of the scenario shown, as of a revision (kept between renders).
type SumsCache = Rc<RefCell<Option<(u64, ScenarioId, Aggregate)>>>;

/// The report of the scenario shown, rebuilt only when the budget or the way it is shown
/// changed. After an edit that only changed lines in place (an amount, a kind, a source),
/// the sums of the revision before are updated for those lines instead of built again.
#[hook]
pub fn use_report(state: &UseReducerHandle<State>) -> Rc<Report> {
    let cache: SumsCache = use_mut_ref(|| None).clone();
    let ws = state.ws.clone();
    let edited = state.edited.clone();
    // Tables 12/13 are built only where they are shown.
    let all_tables = state.tab == Tab::Tables || state.printing;
    use_memo(
        (
            state.rev,
            state.unit,
            state.adjust,
            all_tables,
            state.unit_view.clone(),
        ),
        move |(rev, unit, adjust, all, view)| {
            let ws = ws.borrow();
            let options = Options::new(*unit, *adjust, *all);
            // One 预算单位 of a department, or the whole budget.
            match view.as_deref().and_then(|id| ws.budget().unit_view(id)) {
                Some(b) => Report::build(&b, options),
                None => {
                    let agg = sums(&cache, &ws, *rev, edited.as_deref());
                    let report = Report::from_aggregate(ws.budget(), &agg, options);
                    *cache.borrow_mut() = Some((*rev, ws.current_id(), agg));
                    report
                }
            }
        },
    )
}

/// The sums of the scenario shown at `rev`: those cached (same revision), or those of the
/// revision before updated for the lines edited in place, or built anew.
fn sums(cache: &SumsCache, ws: &Workspace, rev: u64, edited: Option<&Edited>) -> Aggregate {
    let id = ws.current_id();
    let cached = cache.borrow_mut().take();
    match (cached, edited) {
        (Some((r, s, agg)), _) if r == rev && s == id => agg,
        (Some((r, s, agg)), Some(e))
            if r + 1 == rev && s == id && e.rev == rev && e.scenario == id =>
        {
            Aggregate::after_edit(agg, ws.budget(), &e.lines)
        }
        _ => Aggregate::build(ws.budget()),
    }
}

/// The document's language follows the interface (screen readers, hyphenation, fonts).
#[hook]
pub fn use_document_lang(l: Lang) {
    use_effect_with(l, |l| {
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("lang", l.code());
        }
    });
}

/// Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y, on the window: they also work when nothing has focus
/// (key events then go to <body>, e.g. after a button that removed itself). Text fields
/// keep their own undo, and keys from a host page's own elements are left alone.
#[hook]
pub fn use_undo_keys(state: &UseReducerHandle<State>) {
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
}

/// Embedding: a configured budget URL, the host's messages, change events for the host.
#[hook]
pub fn use_embedding(state: &UseReducerHandle<State>, report: &Rc<Report>) {
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
}

/// A share link in the address adds its scenario (at start, and when the fragment changes).
#[hook]
pub fn use_share_links(state: &UseReducerHandle<State>) {
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
}

/// The browser's own print (Ctrl+P) shows the print document too; the 打印 button renders
/// the document, then opens the print dialog.
#[hook]
pub fn use_print(state: &UseReducerHandle<State>) {
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
    {
        let printing = state.printing;
        // The PDF a user saves is named after the page's title: while printing it is the
        // document's (“某局2025年单位预算”), not the app's.
        let title = {
            let b = state.budget();
            format!("{}{}年{}预算", b.unit.name, b.unit.year, b.kind.word())
        };
        use_effect_with(printing, move |p| {
            let doc = web_sys::window().and_then(|w| w.document());
            let before = doc.as_ref().map(|d| d.title());
            if *p {
                if let Some(d) = &doc {
                    d.set_title(&title);
                }
                if let Some(w) = web_sys::window() {
                    let _ = w.print();
                }
            }
            move || {
                if let (Some(d), Some(t)) = (doc, before) {
                    d.set_title(&t);
                }
            }
        });
    }
}
