//! Handles for evaluation: `Policy`, `History`, `Evaluator` (built once: the catalogue, policy and
//! organisation indexed), `Evaluation` (months of results, the cases at the end) and `Ledger`.
//!
//! An `Evaluator` owns its inputs through `Arc`s shared with the `Catalogue`, `Organisation` and
//! `Policy` handles it was built from (nothing is copied), and the core's borrowing `Evaluator`
//! lives beside them in a `self_cell`. Batch calls release the GIL.

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};
use serde_json::Value;
use soisua::evaluation::{History, Ledger};
use soisua::scenario::MonthReport;
use soisua::{Catalogue, Evaluator, MonthResult, MonthlyReview, Organisation, Period, Policy};

use crate::catalogue::PyCatalogue;
use crate::convert::{to_document, to_object, to_py, to_string, to_value, wrong_type};
use crate::error::{detached, raise};
use crate::organisation::PyOrganisation;
use crate::report::PyReport;
use crate::reviews::PyReviewBatch;

/// What an evaluator is built from.
pub(crate) struct Inputs {
    catalogue: Arc<Catalogue>,
    policy: Arc<Policy>,
    organisation: Arc<Organisation>,
}

self_cell::self_cell!(
    /// The inputs and the core evaluator borrowing them.
    pub(crate) struct Owned {
        owner: Inputs,
        #[covariant]
        dependent: Evaluator,
    }
);

impl Owned {
    pub(crate) fn evaluator(&self) -> &Evaluator<'_> {
        self.borrow_dependent()
    }
}

fn argument(name: &'static str, en: String, vi: String) -> soisua::Error {
    soisua::Error::Argument { name, detail: en, detail_vi: vi }
}

// ---------------------------------------------------------------------------------------------
// Policy

/// An evaluation policy: remedy windows, actions, recurrence and breadth thresholds, publication.
#[pyclass(frozen, eq, module = "soisua._native", name = "Policy")]
#[derive(PartialEq)]
pub struct PyPolicy {
    pub(crate) inner: Arc<Policy>,
}

impl PyPolicy {
    fn new(inner: Policy) -> Self {
        PyPolicy { inner: Arc::new(inner) }
    }
}

/// RFC 7386 JSON merge patch: objects merge key by key, `null` removes a key, anything else
/// (lists included) replaces.
fn merge_patch(target: &mut Value, patch: &Value) {
    let Value::Object(changes) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(serde_json::Map::new());
    }
    if let Value::Object(fields) = target {
        for (key, change) in changes {
            if change.is_null() {
                fields.remove(key);
            } else {
                merge_patch(fields.entry(key.clone()).or_insert(Value::Null), change);
            }
        }
    }
}

#[pymethods]
impl PyPolicy {
    /// The embedded default policy (the project's reading of the article: labels, not official text).
    #[staticmethod]
    fn default_2020(py: Python<'_>) -> PyResult<Self> {
        detached(py, Policy::default_2020).map(PyPolicy::new)
    }

    /// A policy from JSON text (strict; errors located).
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = to_string("text", text).map_err(|e| raise(py, e))?;
        detached(py, || Policy::from_json(&text)).map(PyPolicy::new)
    }

    /// A policy from a dict shaped like its JSON.
    #[staticmethod]
    fn from_dict(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        let value = to_object("obj", obj).map_err(|e| raise(py, e))?;
        detached(py, || Policy::from_value(value)).map(PyPolicy::new)
    }

    /// This policy with changes (a JSON merge patch: `{"recurrence": {"cases": 2}}`), for what-if.
    /// The result is validated: a policy with errors raises `InvalidDocumentError` with its findings.
    fn with_changes(&self, py: Python<'_>, changes: &Bound<'_, PyAny>) -> PyResult<Self> {
        let patch = to_object("changes", changes).map_err(|e| raise(py, e))?;
        detached(py, || {
            let mut value =
                serde_json::to_value(&*self.inner).map_err(|e| argument("policy", e.to_string(), e.to_string()))?;
            merge_patch(&mut value, &patch);
            let policy = Policy::from_value(value)?;
            let issues = policy.validate();
            if soisua::has_errors(&issues) {
                return Err(soisua::Error::Invalid { document: "policy", issues });
            }
            Ok(policy)
        })
        .map(PyPolicy::new)
    }

    /// The policy's id.
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }

    /// The policy's version.
    #[getter]
    fn version(&self) -> &str {
        &self.inner.version
    }

    /// The findings about this policy.
    fn validate<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.validate())
    }

    /// The policy as pretty-printed JSON.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The policy as a dict shaped like its JSON.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &*self.inner)
    }

    fn __repr__(&self) -> String {
        format!("Policy(id={:?}, version={:?})", self.inner.id, self.inner.version)
    }

    fn _repr_html_<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        display(slf.py(), "policy_html", slf.as_any())
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let rebuild = slf.get_type().getattr("from_json")?;
        let args = PyTuple::new(py, [slf.get().inner.to_json()])?;
        PyTuple::new(py, [rebuild, args.into_any()])
    }
}

/// Calls a function of the pure-Python module `soisua._display` on a handle.
pub(crate) fn display<'py>(py: Python<'py>, function: &str, obj: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    py.import("soisua._display")?.getattr(function)?.call1((obj,))
}

/// Calls `soisua._frames.to_pandas` / `to_polars` on columns.
pub(crate) fn frame<'py>(
    py: Python<'py>,
    library: &str,
    columns: Bound<'py, PyDict>,
    kind: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let function = match library {
        "polars" => "to_polars",
        _ => "to_pandas",
    };
    py.import("soisua._frames")?.getattr(function)?.call1((columns, kind))
}

// ---------------------------------------------------------------------------------------------
// History

/// Everything recorded over the months: reviews, supervision findings, inspection outcomes, visits.
#[pyclass(frozen, eq, module = "soisua._native", name = "History")]
#[derive(PartialEq)]
pub struct PyHistory {
    pub(crate) inner: Arc<History>,
}

/// Reviews given as a `ReviewBatch` or a list of them.
fn batches(obj: &Bound<'_, PyAny>) -> Result<Vec<MonthlyReview>, soisua::Error> {
    if let Ok(batch) = obj.cast::<PyReviewBatch>() {
        return Ok(batch.get().inner.reviews.clone());
    }
    let Ok(list) = obj.cast::<PyList>() else {
        return Err(wrong_type("reviews", "a ReviewBatch or a list of them", "một ReviewBatch hoặc danh sách", obj));
    };
    let mut reviews = Vec::new();
    for (i, item) in list.iter().enumerate() {
        match item.cast::<PyReviewBatch>() {
            Ok(batch) => reviews.extend(batch.get().inner.reviews.iter().cloned()),
            Err(_) => {
                return Err(argument(
                    "reviews",
                    format!("item {i} is not a ReviewBatch"),
                    format!("phần tử {i} không phải ReviewBatch"),
                ));
            }
        }
    }
    Ok(reviews)
}

impl PyHistory {
    /// A `History` argument, or a `ReviewBatch` taken as a history of reviews only.
    pub(crate) fn of(name: &'static str, obj: &Bound<'_, PyAny>) -> Result<Arc<History>, soisua::Error> {
        if let Ok(history) = obj.cast::<PyHistory>() {
            return Ok(Arc::clone(&history.get().inner));
        }
        if let Ok(batch) = obj.cast::<PyReviewBatch>() {
            return Ok(Arc::new(History { reviews: batch.get().inner.reviews.clone(), ..History::default() }));
        }
        Err(wrong_type(name, "a History or a ReviewBatch", "một History hoặc ReviewBatch", obj))
    }
}

/// The lists of records (dicts shaped like their JSON), read as a history: errors are located
/// (`supervision[3].member`).
fn records(lists: [(&'static str, Option<&Bound<'_, PyAny>>); 3]) -> Result<History, soisua::Error> {
    let mut document = serde_json::Map::new();
    for (field, obj) in lists {
        match obj {
            Some(obj) if !obj.is_none() => {
                if obj.cast::<PyList>().is_err() {
                    return Err(wrong_type(field, "a list of dicts", "một danh sách dict", obj));
                }
                document.insert(field.to_owned(), to_value(field, obj)?);
            }
            _ => {}
        }
    }
    History::from_value(Value::Object(document))
}

#[pymethods]
impl PyHistory {
    /// A history from reviews (a `ReviewBatch` or a list of them, say one per month) and lists of
    /// supervision findings, inspection outcomes and supervision visits shaped like their JSON.
    #[new]
    #[pyo3(signature = (reviews=None, *, supervision=None, outcomes=None, visits=None))]
    fn py_new(
        py: Python<'_>,
        reviews: Option<&Bound<'_, PyAny>>,
        supervision: Option<&Bound<'_, PyAny>>,
        outcomes: Option<&Bound<'_, PyAny>>,
        visits: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let read = || -> Result<History, soisua::Error> {
            let mut history = records([("supervision", supervision), ("outcomes", outcomes), ("visits", visits)])?;
            if let Some(obj) = reviews.filter(|obj| !obj.is_none()) {
                history.reviews = batches(obj)?;
            }
            Ok(history)
        };
        read().map(|h| PyHistory { inner: Arc::new(h) }).map_err(|e| raise(py, e))
    }

    /// A history from JSON text (strict; errors located).
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = to_string("text", text).map_err(|e| raise(py, e))?;
        detached(py, || History::from_json(&text)).map(|h| PyHistory { inner: Arc::new(h) })
    }

    /// A history from a dict shaped like its JSON.
    #[staticmethod]
    fn from_dict(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        let value = to_object("obj", obj).map_err(|e| raise(py, e))?;
        detached(py, || History::from_value(value)).map(|h| PyHistory { inner: Arc::new(h) })
    }

    /// The reviews, as a batch.
    #[getter]
    fn reviews(&self) -> PyReviewBatch {
        PyReviewBatch { inner: soisua::ReviewBatch { reviews: self.inner.reviews.clone() } }
    }

    /// The history as JSON.
    fn to_json(&self) -> String {
        serde_json::to_string_pretty(&*self.inner).unwrap_or_default()
    }

    /// The history as a dict shaped like its JSON.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &*self.inner)
    }

    fn __len__(&self) -> usize {
        self.inner.reviews.len() + self.inner.supervision.len() + self.inner.outcomes.len() + self.inner.visits.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "History(reviews={}, supervision={}, outcomes={}, visits={})",
            self.inner.reviews.len(),
            self.inner.supervision.len(),
            self.inner.outcomes.len(),
            self.inner.visits.len()
        )
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let rebuild = slf.get_type().getattr("from_json")?;
        let args = PyTuple::new(py, [slf.get().to_json()])?;
        PyTuple::new(py, [rebuild, args.into_any()])
    }
}

// ---------------------------------------------------------------------------------------------
// Ledger

/// The remedy cases carried from month to month, and the last month evaluated.
#[pyclass(frozen, module = "soisua._native", name = "Ledger")]
pub struct PyLedger {
    pub(crate) inner: Ledger,
}

#[pymethods]
impl PyLedger {
    /// An empty ledger (no cases, no month evaluated).
    #[new]
    fn py_new() -> Self {
        PyLedger { inner: Ledger::new() }
    }

    /// The last month evaluated, if any.
    #[getter]
    fn last_month(&self) -> Option<String> {
        self.inner.last_month().map(|m| m.to_string())
    }

    /// Every case, sorted by member, month opened and item.
    fn cases<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.cases())
    }

    fn __len__(&self) -> usize {
        self.inner.cases().len()
    }

    fn __repr__(&self) -> String {
        let last = self.inner.last_month().map_or_else(|| "None".to_owned(), |m| format!("{:?}", m.to_string()));
        format!("Ledger(cases={}, last_month={last})", self.inner.cases().len())
    }
}

// ---------------------------------------------------------------------------------------------
// Evaluator

/// A catalogue, a policy and an organisation, indexed once to evaluate any number of months.
#[pyclass(frozen, module = "soisua._native", name = "Evaluator")]
pub struct PyEvaluator {
    pub(crate) inner: Arc<Owned>,
}

/// `start` and `end` as a range of months: `end` defaults to the end of the period `start` names
/// (`"2020"` is the whole year, `"2020-Q3"` the quarter).
fn months(start: &str, end: Option<&str>) -> Result<(soisua::Month, soisua::Month), soisua::Error> {
    let first: Period = start.parse()?;
    match end {
        None => Ok((first.first_month(), first.last_month())),
        Some(end) => {
            let last: Period = end.parse()?;
            Ok((first.first_month(), last.last_month()))
        }
    }
}

fn optional_string(name: &'static str, obj: Option<&Bound<'_, PyAny>>) -> Result<Option<String>, soisua::Error> {
    match obj {
        Some(obj) if !obj.is_none() => to_string(name, obj).map(Some),
        _ => Ok(None),
    }
}

impl PyEvaluator {
    fn replay(
        &self,
        py: Python<'_>,
        history: &Bound<'_, PyAny>,
        start: &Bound<'_, PyAny>,
        end: Option<&Bound<'_, PyAny>>,
        scope: Option<&Bound<'_, PyAny>>,
        ledger: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyEvaluation> {
        let convert = || -> Result<_, soisua::Error> {
            let history = PyHistory::of("history", history)?;
            let start = to_string("start", start)?;
            let end = optional_string("end", end)?;
            let scope = optional_string("scope", scope)?;
            let ledger = match ledger {
                Some(obj) if !obj.is_none() => match obj.cast::<PyLedger>() {
                    Ok(l) => l.get().inner.clone(),
                    Err(_) => return Err(wrong_type("ledger", "a Ledger", "một Ledger", obj)),
                },
                _ => Ledger::new(),
            };
            Ok((history, start, end, scope, ledger))
        };
        let (history, start, end, scope, mut ledger) = convert().map_err(|e| raise(py, e))?;
        let owned = Arc::clone(&self.inner);
        let results = detached(py, || {
            let (from, to) = months(&start, end.as_deref())?;
            owned.evaluator().replay(&mut ledger, &history, from, to, scope.as_deref())
        })?;
        Ok(PyEvaluation { evaluator: owned, history, months: results, ledger, scope })
    }
}

#[pymethods]
impl PyEvaluator {
    /// Indexes a catalogue, an organisation and a policy (the default policy when none is given).
    /// A policy with errors, or made for another catalogue, is refused.
    #[new]
    #[pyo3(signature = (catalogue, organisation, policy=None))]
    fn py_new(
        py: Python<'_>,
        catalogue: &Bound<'_, PyAny>,
        organisation: &Bound<'_, PyAny>,
        policy: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let convert = || -> Result<_, soisua::Error> {
            let catalogue = PyCatalogue::shared("catalogue", catalogue)?;
            let organisation = PyOrganisation::shared("organisation", organisation)?;
            let policy = match policy {
                Some(obj) if !obj.is_none() => match obj.cast::<PyPolicy>() {
                    Ok(p) => Arc::clone(&p.get().inner),
                    Err(_) => return Err(wrong_type("policy", "a Policy", "một Policy", obj)),
                },
                _ => Arc::new(Policy::default_2020()?),
            };
            Ok(Inputs { catalogue, policy, organisation })
        };
        let inputs = convert().map_err(|e| raise(py, e))?;
        detached(py, || Owned::try_new(inputs, |i| Evaluator::new(&i.catalogue, &i.policy, &i.organisation)))
            .map(|owned| PyEvaluator { inner: Arc::new(owned) })
    }

    /// The catalogue evaluated against.
    #[getter]
    fn catalogue(&self) -> PyCatalogue {
        PyCatalogue { inner: Arc::clone(&self.inner.borrow_owner().catalogue) }
    }

    /// The organisation evaluated.
    #[getter]
    fn organisation(&self) -> PyOrganisation {
        PyOrganisation { inner: Arc::clone(&self.inner.borrow_owner().organisation) }
    }

    /// The policy applied.
    #[getter]
    fn policy(&self) -> PyPolicy {
        PyPolicy { inner: Arc::clone(&self.inner.borrow_owner().policy) }
    }

    /// Evaluates the months `start ..= end` (`end` defaults to the end of the period `start`
    /// names: `"2020"`, `"2020-Q3"`, `"2020-09"`) for every member, or the members of `scope` and
    /// the units under it, carrying the cases of `ledger` (a fresh one by default). The GIL is
    /// released while it runs.
    #[pyo3(signature = (history, start, end=None, *, scope=None, ledger=None))]
    fn evaluate(
        &self,
        py: Python<'_>,
        history: &Bound<'_, PyAny>,
        start: &Bound<'_, PyAny>,
        end: Option<&Bound<'_, PyAny>>,
        scope: Option<&Bound<'_, PyAny>>,
        ledger: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyEvaluation> {
        self.replay(py, history, start, end, scope, ledger)
    }

    /// One review (a dict or its JSON text) evaluated on its own, as a form shows it while it is
    /// filled in: `{"result", "explanation", "cases", "issues", "fingerprint"}`. No cases are
    /// carried.
    fn evaluate_review<'py>(&self, py: Python<'py>, review: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let review = review_of(py, review)?;
        let one =
            crate::error::run(|| self.inner.evaluator().evaluate_review(&review)).map_err(|f| f.into_py_err(py))?;
        to_py(py, &one)
    }

    /// What a form shows as a review is filled in: `{"evaluation", "outlook", "fields"}` — the
    /// evaluation on its own, whether the verdict is decided (and if not, between which verdicts
    /// and which unanswered items could change it), and every finding placed on a form field.
    fn preview<'py>(&self, py: Python<'py>, review: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let review = review_of(py, review)?;
        let preview = crate::error::run(|| self.inner.evaluator().preview(&review)).map_err(|f| f.into_py_err(py))?;
        to_py(py, &preview)
    }

    /// Whether an incomplete review's verdict is decided: `{"decided", "verdict"?, "least",
    /// "most", "unanswered", "open_items", "explanation"}`.
    fn outlook<'py>(&self, py: Python<'py>, review: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let review = review_of(py, review)?;
        let outlook = crate::error::run(|| self.inner.evaluator().outlook(&review)).map_err(|f| f.into_py_err(py))?;
        to_py(py, &outlook)
    }

    /// The review's fingerprint (`sha256:…`), the same in Rust, Python and JavaScript.
    fn fingerprint(&self, py: Python<'_>, review: &Bound<'_, PyAny>) -> PyResult<String> {
        let review = review_of(py, review)?;
        let one =
            crate::error::run(|| self.inner.evaluator().evaluate_review(&review)).map_err(|f| f.into_py_err(py))?;
        Ok(one.fingerprint)
    }

    /// Whether `fingerprint` is the one this evaluator gives the review: a server confirming a
    /// result computed in a browser.
    fn verify(&self, py: Python<'_>, review: &Bound<'_, PyAny>, fingerprint: &Bound<'_, PyAny>) -> PyResult<bool> {
        let claimed: String = fingerprint.extract().map_err(|_| {
            raise(py, argument("fingerprint", "must be a string".to_owned(), "phải là một chuỗi".to_owned()))
        })?;
        Ok(self.fingerprint(py, review)? == claimed)
    }

    /// The codes of the items that apply to a member in a month, in catalogue order.
    fn applicable_items(&self, py: Python<'_>, member: &str, month: &str) -> PyResult<Vec<String>> {
        let month: soisua::Month = month.parse().map_err(|e| raise(py, e))?;
        let items = self.inner.evaluator().applicable_items(member, month).map_err(|e| raise(py, e))?;
        Ok(items.into_iter().map(str::to_owned).collect())
    }

    /// The same history under another policy: the member-months whose verdict or reasons change,
    /// as a list of dicts (`member`, `month`, `before`, `after`).
    #[pyo3(signature = (history, start, end=None, *, policy, scope=None))]
    fn what_if<'py>(
        &self,
        py: Python<'py>,
        history: &Bound<'py, PyAny>,
        start: &Bound<'py, PyAny>,
        end: Option<&Bound<'py, PyAny>>,
        policy: &Bound<'py, PyAny>,
        scope: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let other = match policy.cast::<PyPolicy>() {
            Ok(p) => Arc::clone(&p.get().inner),
            Err(_) => return Err(raise(py, wrong_type("policy", "a Policy", "một Policy", policy))),
        };
        let before = self.replay(py, history, start, end, scope, None)?;
        let mine = self.inner.borrow_owner();
        let inputs = Inputs {
            catalogue: Arc::clone(&mine.catalogue),
            policy: other,
            organisation: Arc::clone(&mine.organisation),
        };
        let changes = detached(py, || {
            let owned = Owned::try_new(inputs, |i| Evaluator::new(&i.catalogue, &i.policy, &i.organisation))?;
            let mut ledger = Ledger::new();
            let (from, to) = match (before.months.first(), before.months.last()) {
                (Some(a), Some(b)) => (a.month, b.month),
                _ => return Ok(Vec::new()),
            };
            let after = owned.evaluator().replay(&mut ledger, &before.history, from, to, before.scope.as_deref())?;
            Ok(soisua::evaluation::compare(&before.months, &after))
        })?;
        to_py(py, &changes)
    }

    fn __repr__(&self) -> String {
        let owner = self.inner.borrow_owner();
        format!(
            "Evaluator(catalogue={:?}, policy={:?}, organisation={:?}, members={})",
            format!("{}@{}", owner.catalogue.id, owner.catalogue.version),
            format!("{}@{}", owner.policy.id, owner.policy.version),
            owner.organisation.id,
            owner.organisation.members.len()
        )
    }
}

// ---------------------------------------------------------------------------------------------
// Evaluation

/// Months of results for an organisation (or a unit), and the cases at the end.
#[pyclass(frozen, module = "soisua._native", name = "Evaluation")]
pub struct PyEvaluation {
    evaluator: Arc<Owned>,
    history: Arc<History>,
    months: Vec<MonthResult>,
    ledger: Ledger,
    scope: Option<String>,
}

impl PyEvaluation {
    fn with<R>(
        &self,
        then: impl FnOnce(&soisua::scenario::Evaluation<'_>) -> Result<R, soisua::Error>,
    ) -> Result<R, soisua::Error> {
        then(&soisua::scenario::Evaluation {
            evaluator: self.evaluator.evaluator(),
            history: &self.history,
            months: &self.months,
            ledger: &self.ledger,
        })
    }

    fn month_result(&self, month: &Bound<'_, PyAny>) -> Result<&MonthResult, soisua::Error> {
        let month: soisua::Month = to_string("month", month)?.parse()?;
        self.months.iter().find(|m| m.month == month).ok_or_else(|| {
            argument(
                "month",
                format!("the month {month} was not evaluated"),
                format!("tháng {month} không được đánh giá"),
            )
        })
    }

    /// One row per member-month.
    fn result_columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let org = self.evaluator.evaluator().organisation();
        let n: usize = self.months.iter().map(|m| m.results.len()).sum();
        let mut cols: [Vec<String>; 8] = Default::default();
        let (mut found, mut disagreements, mut provisional) =
            (Vec::with_capacity(n), Vec::with_capacity(n), Vec::with_capacity(n));
        for month in &self.months {
            let label = month.month.to_string();
            for r in &month.results {
                let unit = r.unit.as_deref().and_then(|u| org.unit(u));
                let name = org.member(&r.member).and_then(|m| m.name.as_deref()).unwrap_or(&r.member);
                let text = r.sentence(name);
                let rules: Vec<&str> = r.rules.iter().map(|f| f.rule.as_str()).collect();
                let values = [
                    label.clone(),
                    r.member.clone(),
                    r.unit.clone().unwrap_or_default(),
                    unit.map(|u| u.org_type.clone()).unwrap_or_default(),
                    r.verdict.as_str().to_owned(),
                    rules.join(","),
                    text.vi,
                    text.en,
                ];
                for (col, value) in cols.iter_mut().zip(values) {
                    col.push(value);
                }
                found.push(r.found.len());
                disagreements.push(r.disagreements.len());
                provisional.push(r.provisional);
            }
        }
        let dict = PyDict::new(py);
        let [month, member, unit, org_type, verdict, rules, vi, en] = cols;
        dict.set_item("month", month)?;
        dict.set_item("member", member)?;
        dict.set_item("unit", unit)?;
        dict.set_item("org_type", org_type)?;
        dict.set_item("verdict", verdict)?;
        dict.set_item("rules", rules)?;
        dict.set_item("found", found)?;
        dict.set_item("disagreements", disagreements)?;
        dict.set_item("provisional", provisional)?;
        dict.set_item("explanation_vi", vi)?;
        dict.set_item("explanation_en", en)?;
        Ok(dict)
    }

    /// One row per item found with a shortcoming in a member-month.
    fn finding_columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let evaluator = self.evaluator.evaluator();
        let org = evaluator.organisation();
        let mut cols: [Vec<String>; 6] = Default::default();
        for month in &self.months {
            let label = month.month.to_string();
            for r in &month.results {
                let org_type =
                    r.unit.as_deref().and_then(|u| org.unit(u)).map(|u| u.org_type.clone()).unwrap_or_default();
                for item in &r.found {
                    let kind = evaluator.item_kind(item).map(soisua::ItemKind::as_str).unwrap_or_default();
                    let values = [
                        label.clone(),
                        r.member.clone(),
                        r.unit.clone().unwrap_or_default(),
                        org_type.clone(),
                        item.clone(),
                        kind.to_owned(),
                    ];
                    for (col, value) in cols.iter_mut().zip(values) {
                        col.push(value);
                    }
                }
            }
        }
        let dict = PyDict::new(py);
        for (name, col) in ["month", "member", "unit", "org_type", "item", "kind"].into_iter().zip(cols) {
            dict.set_item(name, col)?;
        }
        Ok(dict)
    }

    /// One row per case.
    fn case_columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let cases = self.ledger.cases();
        let mut cols: [Vec<String>; 6] = Default::default();
        for case in &cases {
            let values = [
                case.member.clone(),
                case.item.clone(),
                case.opened.to_string(),
                case.deadline.to_string(),
                case.state.as_str().to_owned(),
                match case.source {
                    soisua::CaseSource::Cell => "cell",
                    soisua::CaseSource::Supervision => "supervision",
                }
                .to_owned(),
            ];
            for (col, value) in cols.iter_mut().zip(values) {
                col.push(value);
            }
        }
        let dict = PyDict::new(py);
        for (name, col) in ["member", "item", "opened", "deadline", "state", "source"].into_iter().zip(cols) {
            dict.set_item(name, col)?;
        }
        Ok(dict)
    }

    fn table<'py>(
        &self,
        py: Python<'py>,
        what: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<(Bound<'py, PyDict>, &'static str)> {
        let what = optional_string("what", what).map_err(|e| raise(py, e))?.unwrap_or_else(|| "results".to_owned());
        match what.as_str() {
            "results" => Ok((self.result_columns(py)?, "results")),
            "findings" => Ok((self.finding_columns(py)?, "findings")),
            "cases" => Ok((self.case_columns(py)?, "cases")),
            other => Err(raise(
                py,
                soisua::Error::Parse {
                    input: other.chars().take(60).collect(),
                    expected: "a table: results, findings or cases",
                    expected_vi: "một bảng: results, findings hoặc cases",
                },
            )),
        }
    }
}

#[pymethods]
impl PyEvaluation {
    /// The months evaluated, in order (`"2020-01"` …).
    #[getter]
    fn months(&self) -> Vec<String> {
        self.months.iter().map(|m| m.month.to_string()).collect()
    }

    /// The unit evaluated (with the units under it), or `None` for the whole organisation.
    #[getter]
    fn scope(&self) -> Option<String> {
        self.scope.clone()
    }

    /// The cases at the end, to carry into the next months (`Evaluator.evaluate(..., ledger=...)`).
    #[getter]
    fn ledger(&self) -> PyLedger {
        PyLedger { inner: self.ledger.clone() }
    }

    /// One month: verdict counts and every member's result with its explanation (vi and en).
    fn month<'py>(&self, py: Python<'py>, month: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let result = self.month_result(month).map_err(|e| raise(py, e))?;
        let org = self.evaluator.evaluator().organisation();
        to_py(py, &MonthReport::of(result, org))
    }

    /// One member's result for a month, with its explanation (a dict that displays as the verdict,
    /// its explanation and its rules in a notebook); `None` when the member was not in scope.
    fn result<'py>(
        &self,
        py: Python<'py>,
        member: &Bound<'py, PyAny>,
        month: &Bound<'py, PyAny>,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        let member = to_string("member", member).map_err(|e| raise(py, e))?;
        let member = soisua::nfc(&member).into_owned();
        let result = self.month_result(month).map_err(|e| raise(py, e))?;
        let org = self.evaluator.evaluator().organisation();
        let Some(found) = result.results.iter().find(|r| r.member == member) else { return Ok(None) };
        let name = org.member(&found.member).and_then(|m| m.name.as_deref()).unwrap_or(&found.member);
        let report = soisua::scenario::ResultReport { result: found.clone(), explanation: found.sentence(name) };
        let dict = to_py(py, &report)?;
        py.import("soisua._display")?.getattr("Result")?.call1((dict,)).map(Some)
    }

    /// Verdict counts per month: `{"2020-09": {"not_evaluated": 0, "commend": …}, …}`.
    fn counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for month in &self.months {
            let [not_evaluated, commend, help, inspect] = month.counts();
            let counts = PyDict::new(py);
            counts.set_item("not_evaluated", not_evaluated)?;
            counts.set_item("commend", commend)?;
            counts.set_item("help", help)?;
            counts.set_item("inspect", inspect)?;
            dict.set_item(month.month.to_string(), counts)?;
        }
        Ok(dict)
    }

    /// Findings about the inputs, every month's, as dicts with `code`, `path`, `message_vi`, `message_en`.
    fn issues<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let all: Vec<&soisua::Issue> = self.months.iter().flat_map(|m| m.issues.iter()).collect();
        to_py(py, &all)
    }

    /// The cases at the end, as dicts.
    fn cases<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.ledger.cases())
    }

    /// A table as a dict of equal-length lists: `results` (one row per member-month),
    /// `findings` (one row per item with a shortcoming) or `cases`.
    #[pyo3(signature = (what=None))]
    fn columns<'py>(&self, py: Python<'py>, what: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyDict>> {
        self.table(py, what).map(|(dict, _)| dict)
    }

    /// A table (`results`, `findings` or `cases`) as a pandas DataFrame (verdicts ordered categorical).
    #[pyo3(signature = (what=None))]
    fn to_pandas<'py>(&self, py: Python<'py>, what: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
        let (dict, kind) = self.table(py, what)?;
        frame(py, "pandas", dict, kind)
    }

    /// A table (`results`, `findings` or `cases`) as a polars DataFrame.
    #[pyo3(signature = (what=None))]
    fn to_polars<'py>(&self, py: Python<'py>, what: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
        let (dict, kind) = self.table(py, what)?;
        frame(py, "polars", dict, kind)
    }

    /// The report of `scope` (the evaluation's scope by default) over the months of `period`
    /// (every month evaluated by default): counts, cases, outcomes, supervision, rows per unit.
    #[pyo3(signature = (period=None, scope=None))]
    fn report(
        &self,
        py: Python<'_>,
        period: Option<&Bound<'_, PyAny>>,
        scope: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyReport> {
        let convert = || -> Result<_, soisua::Error> {
            let period = optional_string("period", period)?.map(|p| p.parse::<Period>()).transpose()?;
            let scope = optional_string("scope", scope)?.or_else(|| self.scope.clone());
            Ok((period, scope))
        };
        let (period, scope) = convert().map_err(|e| raise(py, e))?;
        detached(py, || self.with(|e| e.report(period, scope.as_deref()))).map(PyReport::new)
    }

    /// The notice board of a unit for a month (what is posted: verdicts, and items if the policy says so).
    fn notice_board<'py>(
        &self,
        py: Python<'py>,
        month: &Bound<'py, PyAny>,
        unit: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let unit = to_string("unit", unit).map_err(|e| raise(py, e))?;
        let result = self.month_result(month).map_err(|e| raise(py, e))?;
        let board = crate::error::run(|| soisua::publication::notice_board(self.evaluator.evaluator(), result, &unit))
            .map_err(|f| f.into_py_err(py))?;
        to_py(py, &board)
    }

    /// The radio list for a month: the top committee's role holders, then the secretaries under it.
    #[pyo3(signature = (month, top=None))]
    fn radio_list<'py>(
        &self,
        py: Python<'py>,
        month: &Bound<'py, PyAny>,
        top: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let top = optional_string("top", top).map_err(|e| raise(py, e))?;
        let result = self.month_result(month).map_err(|e| raise(py, e))?;
        let list =
            crate::error::run(|| soisua::publication::radio_list(self.evaluator.evaluator(), result, top.as_deref()))
                .map_err(|f| f.into_py_err(py))?;
        to_py(py, &list)
    }

    /// The member-months whose verdict or reasons differ in `other` (the same months evaluated
    /// another way: another policy, amended reviews), as dicts.
    fn compare<'py>(&self, py: Python<'py>, other: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let Ok(other) = other.cast::<PyEvaluation>() else {
            return Err(raise(py, wrong_type("other", "an Evaluation", "một Evaluation", other)));
        };
        to_py(py, &soisua::evaluation::compare(&self.months, &other.get().months))
    }

    fn __len__(&self) -> usize {
        self.months.len()
    }

    fn __repr__(&self) -> String {
        let members: usize = self.months.iter().map(|m| m.results.len()).sum();
        let span = match (self.months.first(), self.months.last()) {
            (Some(a), Some(b)) => format!("{}..{}", a.month, b.month),
            _ => "-".to_owned(),
        };
        format!("Evaluation(months={span}, member_months={members}, cases={})", self.ledger.cases().len())
    }

    fn _repr_html_<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        display(slf.py(), "evaluation_html", slf.as_any())
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyPolicy>()?;
    m.add_class::<PyHistory>()?;
    m.add_class::<PyLedger>()?;
    m.add_class::<PyEvaluator>()?;
    m.add_class::<PyEvaluation>()?;
    Ok(())
}

/// A review given as a dict or its JSON text.
fn review_of(py: Python<'_>, review: &Bound<'_, PyAny>) -> PyResult<MonthlyReview> {
    let value = to_document("review", review).map_err(|e| raise(py, e))?;
    MonthlyReview::from_value(value).map_err(|e| raise(py, e))
}
