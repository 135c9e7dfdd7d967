//! How the 基本支出测算 tab's parts change the unit's model: each change a copy of the
//! model applied as one `SetStaffModel` (one undo step); a value that does not read is
//! refused with a message and nothing changes. Shared by the tab, its levers and its
//! payroll import.

use crate::core::domain::command::Command;
use crate::core::domain::staffing::StaffModel;
use crate::ui::state::{Action, Notice, State};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The 预算单位 the tab shows: the one the unit selector shows, else the first.
pub(super) fn unit_of(state: &State) -> Option<String> {
    state.unit_view.clone()
}

/// Applies a changed model as one undo step; a refusal is said and changes nothing.
pub(super) fn apply(state: &UseReducerHandle<State>, model: Option<StaffModel>, label: &str) {
    state.dispatch(Action::Apply(
        Command::SetStaffModel {
            unit: unit_of(state),
            model: model.map(Box::new),
        },
        Some(label.to_string()),
    ));
}

/// A button's click: changes a copy of the unit's model with `edit`, applied as one step.
pub(super) fn on_model(
    state: &UseReducerHandle<State>,
    label: &'static str,
    edit: impl Fn(&mut StaffModel) + 'static,
) -> Callback<MouseEvent> {
    let state = state.clone();
    Callback::from(move |_: MouseEvent| {
        let unit = unit_of(&state);
        let Some(mut m) = state.budget().staff_model(unit.as_deref()).cloned() else {
            return;
        };
        edit(&mut m);
        apply(&state, Some(m), label);
    })
}

pub(super) fn refuse(state: &UseReducerHandle<State>, message: String) {
    state.dispatch(Action::Notice(Some(Notice::Error(message))));
}

/// The `onchange` of a field: reads its value, lets `edit` change a copy of the model.
pub(super) fn on_field(
    state: &UseReducerHandle<State>,
    label: &'static str,
    edit: impl Fn(&mut StaffModel, &str) -> Result<(), String> + 'static,
) -> Callback<Event> {
    let state = state.clone();
    Callback::from(move |e: Event| {
        let value = e
            .target_dyn_into::<HtmlInputElement>()
            .map(|i| i.value())
            .or_else(|| e.target_dyn_into::<HtmlSelectElement>().map(|s| s.value()))
            .unwrap_or_default();
        let unit = unit_of(&state);
        let Some(mut m) = state.budget().staff_model(unit.as_deref()).cloned() else {
            return;
        };
        match edit(&mut m, value.trim()) {
            Ok(()) => apply(&state, Some(m), label),
            Err(message) => refuse(&state, message),
        }
    })
}

/// The `onchange` of a checkbox: its state given to `edit` on a copy of the model.
pub(super) fn on_check(
    state: &UseReducerHandle<State>,
    label: &'static str,
    edit: impl Fn(&mut StaffModel, bool) -> Result<(), String> + 'static,
) -> Callback<Event> {
    let state = state.clone();
    Callback::from(move |e: Event| {
        let checked = e
            .target_dyn_into::<HtmlInputElement>()
            .is_some_and(|i| i.checked());
        let unit = unit_of(&state);
        let Some(mut m) = state.budget().staff_model(unit.as_deref()).cloned() else {
            return;
        };
        match edit(&mut m, checked) {
            Ok(()) => apply(&state, Some(m), label),
            Err(message) => refuse(&state, message),
        }
    })
}
