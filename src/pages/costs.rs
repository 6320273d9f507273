//! The cost estimator page. Answers stay in this page (never in the address bar or storage);
//! the rules and rates come from the dataset's reference figures for the current year. Opened
//! from a service (`/costs#service=<id>`: the fragment, which never leaves the device), it starts
//! from that service's figures, each labelled with its source; the person can change them.

use std::sync::Arc;

use carefinder_core::costs::{cost_lines, council_rate, CostLine, CostRow};
use carefinder_core::estimate::{
    estimate_care_home, home_care_weekly_cost, read_form, CareHomeEstimate, Phase, Request,
};
use carefinder_core::format::pounds;
use carefinder_core::query::value;
use carefinder_core::reference::{financial_year, Figure, Reference};
use carefinder_core::service::{FeeUnit, ServiceType};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

use crate::components::form_parts::{described_by, error_message, group_class};
use crate::components::{when_loaded, ErrorSummary, Waiting};
use crate::data::{PageRequests, VisitData};
use crate::render_mode::today;
use crate::state::ShortlistStore;

type FormResult = Result<Request, Vec<(&'static str, String)>>;

/// The figures a service's page hands the estimator.
#[derive(Clone, PartialEq)]
struct FilledFrom {
    name: String,
    care: ServiceType,
    fee: Option<CostLine>,
    usual: Option<CostLine>,
}

/// The service named in the fragment, with its best figures, once everything has loaded.
fn filled_from() -> LocalResource<Option<FilledFrom>> {
    let location = use_location();
    let requests = PageRequests::new();
    LocalResource::new(move || {
        let id = value(&location.hash.get(), "service");
        async move {
            let data = VisitData::get();
            let service = data.services(requests, vec![id?]).await.ok()?.pop()?;
            let reference = data.reference.await.ok()?;
            let councils = data.councils.await.unwrap_or_default();
            let care = [
                ServiceType::NursingHome,
                ServiceType::CareHome,
                ServiceType::HomeCare,
            ]
            .into_iter()
            .find(|c| service.services.contains(c))?;
            let lines: Vec<CostLine> = cost_lines(&service, &reference, &councils, &today())
                .into_iter()
                .filter(|l| l.care == care)
                .collect();
            // Only the provider's own fee is the fee; other figures are guides, listed beside it.
            let fee = lines
                .iter()
                .find(|l| l.row == CostRow::PublishedFee)
                .cloned();
            let usual = council_rate(&lines, care)
                .filter(|l| l.unit == FeeUnit::PerWeek)
                .cloned();
            Some(FilledFrom {
                name: service.name,
                care,
                fee,
                usual,
            })
        }
    })
}

#[component]
pub fn Costs() -> impl IntoView {
    let reference = VisitData::get().reference;
    let filled = filled_from();
    let from = Signal::derive(move || filled.get().flatten());
    let care_is = move |c: ServiceType| {
        Signal::derive(move || {
            from.get()
                .map_or(c == ServiceType::CareHome, |f| f.care == c)
        })
    };
    let amount_of = move |pick: fn(&FilledFrom) -> Option<&CostLine>| {
        Signal::derive(move || {
            from.get()
                .and_then(|f| pick(&f).map(|l| l.amount.to_string()))
        })
    };
    let care_home_fee = amount_of(|f| f.fee.as_ref().filter(|l| l.unit == FeeUnit::PerWeek));
    let home_care_rate = amount_of(|f| f.fee.as_ref().filter(|l| l.unit == FeeUnit::PerHour));
    let usual = amount_of(|f| f.usual.as_ref());
    let answered = RwSignal::new(None::<FormResult>);
    let form = NodeRef::<leptos::html::Form>::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(el) = form.get() else { return };
        let Ok(data) = web_sys::FormData::new_with_form(&el) else {
            return;
        };
        let field = |name: &str| data.get(name).as_string();
        answered.set(Some(read_form(&field)));
    };
    let errors = move || {
        answered.with(|a| {
            a.as_ref()
                .and_then(|r| r.as_ref().err().cloned())
                .unwrap_or_default()
        })
    };
    let error_for = move |name: &'static str| {
        move || {
            errors()
                .into_iter()
                .find(|(f, _)| *f == name)
                .map(|(_, m)| m)
        }
    };
    let title = move || {
        if errors().is_empty() {
            "Estimate what you might pay"
        } else {
            "Error: Estimate what you might pay"
        }
    };

    view! {
        <Title text=title />
        {move || {
            let e = errors();
            (!e.is_empty()).then(|| view! { <ErrorSummary errors=e.into_iter().map(|(f, m)| (first_control(f), m)).collect() /> })
        }}
        <h1>"Estimate what you might pay"</h1>
        <p class="inset">
            "This is an estimate from the national rules, not a financial assessment. Only the council can tell you what you will pay: "
            "ask its adult social care team for a financial assessment. Your answers stay on this page and are not saved."
        </p>
        {move || from.get().map(|f| view! { <FilledNotice from=f /> })}
        <form class="costs-form" node_ref=form on:submit=submit novalidate>
            <fieldset class="fieldset form-group">
                <legend class="fieldset__legend">"What kind of care?"</legend>
                <Radio name="care" value="care_home" label="A care home (without nursing)" checked=care_is(ServiceType::CareHome) />
                <Radio name="care" value="nursing_home" label="A nursing home" checked=care_is(ServiceType::NursingHome) />
                <Radio name="care" value="home_care" label="Care at home (home care)" checked=care_is(ServiceType::HomeCare) />
            </fieldset>
            <div class="costs-form__care-home">
            <h2>"Care home or nursing home"</h2>
            <FeeFromShortlist />
            <AmountField pounds=true name="fee" label="Weekly fee" hint="What the home charges each week, including nursing." error=Signal::derive(error_for("fee")) value=care_home_fee />
            <AmountField pounds=true name="usual" label="The council's usual weekly price (if you know it)" hint="The most the council usually pays for this kind of place. Leave blank if you do not know." error=Signal::derive(error_for("usual")) value=usual />
            <AmountField pounds=true name="income" label="Weekly income" hint="Pensions and benefits, before anything is taken off." error=Signal::derive(error_for("income")) />
            <YesNo name="owns" legend="Do you own your home?" error=Signal::derive(error_for("owns")) />
            <AmountField pounds=true name="home_value" label="Value of your home (if you own it)" hint="Roughly what it would sell for, less any mortgage." error=Signal::derive(error_for("home_value")) />
            <YesNo name="lives_there" legend="Does a partner or a relative who depends on you still live there?" error=Signal::derive(error_for("lives_there")) />
            </div>
            <div class="costs-form__home-care">
            <h2>"Care at home"</h2>
            <AmountField pounds=true name="rate" label="Hourly rate" hint="What the agency charges for an hour of care." error=Signal::derive(error_for("rate")) value=home_care_rate />
            <AmountField name="hours" label="Hours of care a week" hint="For example, 10 or 7.5." pounds=false error=Signal::derive(error_for("hours")) />
            </div>
            <h2>"Savings"</h2>
            <AmountField pounds=true name="savings" label="Savings and other capital" hint="Bank and building society accounts, shares, and property other than your home." error=Signal::derive(error_for("savings")) />
            <button type="submit" class="button">"Estimate"</button>
        </form>
        <div aria-live="polite">
            {move || match answered.get() {
                Some(Ok(request)) => when_loaded(reference.get(), Waiting::failed("The figures this needs could not be loaded."), |r| view! { <Estimate request reference=r /> }.into_any()),
                _ => ().into_any(),
            }}
        </div>
    }
}

/// Which figures were filled in, from where: each with its year and source.
#[component]
fn FilledNotice(from: FilledFrom) -> impl IntoView {
    let row = |what: &'static str, line: Option<CostLine>, missing: String| {
        let text = line.map_or(missing, |l| {
            format!(
                "{} ({}): {}. Source: {}",
                l.amount_text(),
                l.when(),
                l.label,
                l.source_text()
            )
        });
        view! { <div class="summary-list__row"><dt>{what}</dt><dd>{text}</dd></div> }
    };
    let fee_label = if from.care == ServiceType::HomeCare {
        "Hourly rate"
    } else {
        "Weekly fee"
    };
    view! {
        <div class="inset">
            <h2>{format!("Filled in from {}", from.name)}</h2>
            <p>"These come from carefinder's data for this service. Change them to what the provider and the council tell you."</p>
            <dl class="summary-list">
                {row(fee_label, from.fee, format!("{} has not published its fee, so this is left for you: ask it what it charges. Its page lists other figures to compare.", from.name))}
                {(from.care != ServiceType::HomeCare).then(|| row("The council's usual weekly price", from.usual, "Not in carefinder's data: ask the council, or leave it blank.".to_string()))}
            </dl>
        </div>
    }
}

#[component]
fn Radio(
    name: &'static str,
    value: &'static str,
    label: &'static str,
    #[prop(into)] checked: Signal<bool>,
) -> impl IntoView {
    let id = format!("{name}-{value}");
    view! {
        <div class="checkboxes__item">
            <input class="checkboxes__input" type="radio" id=id.clone() name=name value=value prop:checked=checked />
            <label class="checkboxes__label" for=id>{label}</label>
        </div>
    }
}

/// The error summary links to a field by id; a radio group is reached through its first option.
fn first_control(field: &str) -> String {
    match field {
        "care" => "care-care_home".into(),
        "owns" | "lives_there" => format!("{field}-yes"),
        other => other.into(),
    }
}

#[component]
fn YesNo(name: &'static str, legend: &'static str, error: Signal<Option<String>>) -> impl IntoView {
    let error_id = format!("{name}-error");
    view! {
        <div class=group_class(error)>
            <fieldset class="fieldset" aria-describedby=described_by(None, &error_id, error)>
                <legend class="fieldset__legend">{legend}</legend>
                {error_message(error_id.clone(), error)}
                <Radio name value="yes" label="Yes" checked=false />
                <Radio name value="no" label="No" checked=false />
            </fieldset>
        </div>
    }
}

/// A text box for an amount: pounds (with a £ prefix) or hours.
#[component]
fn AmountField(
    name: &'static str,
    label: &'static str,
    hint: &'static str,
    pounds: bool,
    error: Signal<Option<String>>,
    /// A figure to start from (the person can change it).
    #[prop(optional)]
    value: Option<Signal<Option<String>>>,
) -> impl IntoView {
    let hint_id = format!("{name}-hint");
    let error_id = format!("{name}-error");
    let class = if pounds {
        "input input--money"
    } else {
        "input input--short"
    };
    let field = NodeRef::<leptos::html::Input>::new();
    // The service's figure arrives after the page: it fills the box only if the person has not
    // typed in it yet, and never again after that.
    Effect::new(move |filled: Option<bool>| {
        if filled == Some(true) {
            return true;
        }
        match (value.and_then(|v| v.get()), field.get()) {
            (Some(figure), Some(el)) if el.value().is_empty() => {
                el.set_value(&figure);
                true
            }
            _ => false,
        }
    });
    let input = view! { <input class=class id=name name=name type="text" inputmode="decimal" node_ref=field aria-describedby=described_by(Some(&hint_id), &error_id, error) /> };
    view! {
        <div class=group_class(error)>
            <label class="label" for=name>{label}</label>
            <div class="hint" id=hint_id>{hint}</div>
            {error_message(error_id, error)}
            {if pounds {
                view! { <div class="input-prefix"><span class="input-prefix__sign" aria-hidden="true">"£"</span>{input}</div> }.into_any()
            } else {
                input.into_any()
            }}
        </div>
    }
}

/// Lets the fee come from a shortlisted service that has published a weekly fee.
#[component]
fn FeeFromShortlist() -> impl IntoView {
    let store = expect_context::<ShortlistStore>().0;
    let requests = PageRequests::new();
    let services = LocalResource::new(move || {
        VisitData::get().services(requests, store.with(|s| s.ids().to_vec()))
    });
    move || {
        let with_fees: Vec<(String, f64)> = services
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|p| {
                p.fees
                    .iter()
                    .find(|f| f.unit == FeeUnit::PerWeek)
                    .map(|f| (p.name.clone(), f.from))
            })
            .collect();
        if with_fees.is_empty() {
            return ().into_any();
        }
        let options = with_fees
            .into_iter()
            .map(|(name, fee)| view! { <option value=fee.to_string()>{format!("{name}: from {} a week", pounds(fee))}</option> })
            .collect_view();
        let choose = move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            let input = document()
                .get_element_by_id("fee")
                .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok());
            if let Some(input) = input {
                input.set_value(&value);
            }
        };
        view! {
            <div class="form-group">
                <label class="label" for="fee-from">"Take the fee from a shortlisted service"</label>
                <select class="select" id="fee-from" on:change=choose>
                    <option value="">"Choose a service"</option>
                    {options}
                </select>
            </div>
        }
        .into_any()
    }
}

fn source_line(f: &Figure) -> String {
    format!(
        "{} ({}), {}",
        f.source.publisher, f.period, f.source.citation
    )
}

#[component]
fn Estimate(request: Request, reference: Arc<Reference>) -> impl IntoView {
    let today = today();
    let year = financial_year(&today).unwrap_or_default();
    let Some(rules) = reference.means_test(&today).cloned() else {
        return view! { <p class="notice">"The means-test rules are missing from this dataset, so carefinder cannot estimate."</p> }.into_any();
    };
    let limits = format!(
        "{} rules: upper capital limit {}, lower limit {}; tariff income {} a week for every {} or part of it between them; personal expenses allowance {} a week.",
        rules.period,
        pounds(rules.upper_capital_limit.amount),
        pounds(rules.lower_capital_limit.amount),
        pounds(rules.tariff_per_step.amount),
        pounds(rules.tariff_step.amount),
        pounds(rules.personal_expenses_allowance.amount),
    );
    let sources = format!(
        "Sources: {} ({}); {} ({}).",
        rules.upper_capital_limit.source.publisher,
        rules.upper_capital_limit.source.citation,
        rules.personal_expenses_allowance.source.publisher,
        rules.personal_expenses_allowance.source.citation
    );
    let fnc = reference
        .current("England", "nhs_funded_nursing_care_standard_rate", &year)
        .cloned();
    let body = match request {
        Request::CareHome { mut case, nursing } => {
            if nursing {
                case.nhs_nursing_contribution = fnc.as_ref().map(|f| f.value);
            }
            care_home_view(estimate_care_home(&case, &rules), nursing, fnc.clone()).into_any()
        }
        Request::HomeCare {
            hourly_rate,
            hours_a_week,
            savings,
        } => {
            let weekly = home_care_weekly_cost(hourly_rate, hours_a_week);
            let above = savings > rules.upper_capital_limit.amount;
            view! {
                <dl class="summary-list">
                    <div class="summary-list__row"><dt>"Weekly cost of care"</dt><dd>{format!("{} ({} hours at {} an hour)", pounds(weekly), hours_a_week, pounds(hourly_rate))}</dd></div>
                </dl>
                <p>{if above {
                    format!("With savings over {}, you would usually pay the full cost yourself.", pounds(rules.upper_capital_limit.amount))
                } else {
                    "The council may help pay. For care at home it works out your share from your income, leaving you a minimum income to live on; this estimator does not work that out yet, so ask the council for a financial assessment.".to_string()
                }}</p>
            }
            .into_any()
        }
    };
    let aa = [
        reference.current("England", "attendance_allowance_higher_rate", &year),
        reference.current("England", "attendance_allowance_lower_rate", &year),
    ];
    let aa_text = match aa {
        [Some(h), Some(l)] => format!(
            "Attendance Allowance is not means-tested: {} a week (lower rate) or {} a week (higher rate) in {}, for people over State Pension age who need help with personal care. Source: {}.",
            pounds(l.value), pounds(h.value), h.period, source_line(h)
        ),
        _ => "Attendance Allowance is not means-tested, for people over State Pension age who need help with personal care.".to_string(),
    };
    view! {
        <h2>"Your estimate"</h2>
        {body}
        <p class="hint">{limits}" "{sources}</p>
        <h2>"Things to know"</h2>
        <h3>"The 12-week property disregard"</h3>
        <p>"When you move into a care home for good, the value of your home is ignored for the first 12 weeks. After that it counts, unless a partner or a relative who depends on you still lives there."</p>
        <h3>"Deferred payment agreements"</h3>
        <p>"If your home counts but your other savings are under the upper limit, the council must offer to lend you the fees against your home, to be repaid later (often when the home is sold). Interest and an administration charge can apply."</p>
        <h3>"NHS-funded nursing care"</h3>
        <p>{match &fnc {
            Some(f) => format!("In a nursing home the NHS pays {} a week ({}) straight to the home towards your nursing. Source: {}.", pounds(f.value), f.period, source_line(f)),
            None => "In a nursing home the NHS pays part of the fee straight to the home towards your nursing.".into(),
        }}</p>
        <h3>"NHS Continuing Healthcare"</h3>
        <p>"If your needs are mainly health needs, the NHS may pay for all your care, whatever your savings. Ask for a checklist assessment; the integrated care board decides."</p>
        <h3>"Attendance Allowance"</h3>
        <p>{aa_text}</p>
    }
    .into_any()
}

fn phase_rows(p: &Phase) -> impl IntoView {
    view! {
        <div class="summary-list__row"><dt>"Capital counted"</dt><dd>{pounds(p.capital)}</dd></div>
        <div class="summary-list__row"><dt>"Can the council help pay?"</dt><dd>{if p.council_may_contribute { "Yes, it may" } else { "Not yet: your capital is over the upper limit" }}</dd></div>
        <div class="summary-list__row"><dt>"Tariff income"</dt><dd>{format!("{} a week", pounds(p.tariff_income))}</dd></div>
        <div class="summary-list__row"><dt>"You pay towards your care"</dt><dd>{format!("{} a week", pounds(p.person_pays))}</dd></div>
        {p.council_pays.map(|c| view! { <div class="summary-list__row"><dt>"The council pays"</dt><dd>{format!("{} a week", pounds(c))}</dd></div> })}
        {p.top_up.map(|t| view! { <div class="summary-list__row"><dt>"Top-up (someone else, often a relative, usually pays it)"</dt><dd>{format!("{} a week: the fee less the council's usual price", pounds(t))}</dd></div> })}
    }
}

fn care_home_view(e: CareHomeEstimate, nursing: bool, fnc: Option<Figure>) -> impl IntoView {
    let after = e.after_12_weeks.as_ref().map(|p| view! { <h3>"After 12 weeks (your home now counts)"</h3><dl class="summary-list">{phase_rows(p)}</dl> });
    let weeks = e.weeks_to_upper_limit.map(|w| {
        format!("At this fee your capital would fall to the upper limit about {:.0} weeks after moving in ({:.0} months). Then ask the council to assess you.", w.ceil(), (w * 7.0 / 30.44).round())
    });
    view! {
        {(nursing && fnc.is_some()).then(|| view! { <p>{format!("Fee after the NHS's nursing contribution: {} a week.", pounds(e.fee_after_nhs))}</p> })}
        <h3>{if e.after_12_weeks.is_some() { "The first 12 weeks" } else { "Each week" }}</h3>
        <dl class="summary-list">{phase_rows(&e.first_12_weeks)}</dl>
        {after}
        {weeks.map(|w| view! { <p>{w}</p> })}
        {e.deferred_payment_offer.then(|| view! { <p>"You may be able to have a deferred payment agreement (see below)."</p> })}
    }
}
