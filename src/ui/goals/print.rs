//! The 项目支出绩效目标表 in the print document: each form a table in the published
//! layout (`core/present/goal_form.rs`), one per page.

use crate::core::domain::goals::GoalForm;
use crate::core::present::goal_form::{layout, FormCell};
use yew::prelude::*;

/// One form as a table: label cells as headers, merged cells spanning their columns.
pub fn form_table(form: &GoalForm) -> Html {
    let l = layout(form);
    let rows = l.rows.iter().enumerate().map(|(r, cells)| {
        let mut skip = 0;
        let tds = cells.iter().enumerate().filter_map(|(c, cell)| {
            if skip > 0 {
                skip -= 1;
                return None;
            }
            let span = l
                .merges
                .iter()
                .find(|(mr, mc, _)| *mr == r && *mc == c)
                .map(|(_, _, w)| *w)
                .unwrap_or(1);
            skip = span - 1;
            let colspan = span.to_string();
            Some(match cell {
                FormCell::Label(t) => html! { <th colspan={colspan}>{ t }</th> },
                FormCell::Amount(_) => {
                    html! { <td class="num" colspan={colspan}>{ cell.text() }</td> }
                }
                _ => html! { <td colspan={colspan}>{ cell.text() }</td> },
            })
        });
        html! { <tr>{ for tds }</tr> }
    });
    html! {
        <table class="goal-print" data-testid="goal-print">
            <caption>{ "项目支出绩效目标表" }</caption>
            <tbody>{ for rows }</tbody>
        </table>
    }
}

/// Every form of the budget, after the narrative (nothing when there are none).
pub fn forms_html(forms: &[GoalForm]) -> Html {
    if forms.is_empty() {
        return html! {};
    }
    html! {
        <section class="goal-prints">
            { for forms.iter().map(form_table) }
        </section>
    }
}
