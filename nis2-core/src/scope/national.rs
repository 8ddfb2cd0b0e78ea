//! National attention points: for each State whose overlay applies (see [`super::jurisdiction`]),
//! its transposition, its options (the State of establishment only), its national rules and,
//! for an entity in scope, its authorities, registration and reporting. Every point carries the
//! item's status and the State's code; an `unverified` item says so in its text, and a rule's
//! condition is given as a condition, never assumed.

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::entity_types::{RuleGroup, VerificationStatus};
use crate::overlay::{Authority, AuthorityRole, MemberState, Transposition, TranspositionStatus};
use crate::scope::jurisdiction::Applied;
use crate::scope::result::{AttentionPoint, Provision};
use crate::scope::Ctx;
use crate::text::{Str, Text};

/// What the national points of one State can see.
struct State<'c, 'p> {
    ctx: &'c Ctx<'p>,
    applied: &'c Applied,
    live: &'c dyn Fn(usize) -> bool,
    words: Words,
}

/// The words of a State's points that come from its data alone (the same for every profile):
/// written once per State, on first use, and borrowed by every result after that.
struct StateWords {
    transposition: Text,
    transposition_citation: String,
    /// Each national rule's text (marked when unverified), in the data's order.
    rules: Vec<Text>,
    /// Each authority's text, in the data's order.
    authorities: Vec<Text>,
    registration: Text,
    reporting: Text,
}

impl StateWords {
    fn of(st: &MemberState) -> Self {
        let (transposition, transposition_citation) = transposition_words(st);
        StateWords {
            transposition,
            transposition_citation,
            rules: st
                .rules
                .iter()
                .map(|r| marked(r.status, r.text.en.to_string(), r.text.da.to_string()))
                .collect(),
            authorities: st
                .authorities
                .iter()
                .map(|a| authority_words(st, a))
                .collect(),
            registration: registration_words(st),
            reporting: reporting_words(st),
        }
    }
}

/// A State's shared words (`None` only for a State that is not one of the embedded data's, which
/// the engine never gives: its texts are then written where they are used).
struct Words(Option<&'static StateWords>);

impl Words {
    fn of(st: &'static MemberState) -> Self {
        static WORDS: [OnceLock<StateWords>; crate::overlay::STATE_COUNT] =
            [const { OnceLock::new() }; crate::overlay::STATE_COUNT];
        Words(
            crate::overlay::index(&st.code)
                .and_then(|k| WORDS.get(k))
                .map(|w| w.get_or_init(|| StateWords::of(st))),
        )
    }

    /// A text of the State's words, borrowed; `fresh()` where there are none.
    fn text(
        &self,
        pick: impl Fn(&'static StateWords) -> Option<&'static Text>,
        fresh: impl FnOnce() -> Text,
    ) -> Text {
        self.0.and_then(pick).map_or_else(fresh, Text::borrowed)
    }
}

impl State<'_, '_> {
    fn state(&self) -> &'static MemberState {
        self.applied.state
    }

    /// The ids of the activities under this State that satisfy `f`.
    fn ids(&self, f: &dyn Fn(usize, &str) -> bool) -> Vec<Str> {
        self.applied
            .activities(self.ctx)
            .filter_map(|i| self.ctx.types.get(i).map(|t| (i, t)))
            .filter(|(i, t)| f(*i, &t.id))
            .map(|(_, t)| Cow::Borrowed(t.id.as_str()))
            .collect()
    }

    /// The activities an item for the whole organisation concerns: none listed for the State of
    /// establishment (the whole organisation), its activities for another State.
    fn whole(&self) -> Vec<Str> {
        if self.applied.home {
            Vec::new()
        } else {
            self.ids(&|_, _| true)
        }
    }

    /// The activities the national act covers, for its duties: `Some(whole())` when none of
    /// the live activities under this State is carved out, `Some(those covered)` when some are,
    /// `None` when all are.
    fn covered(&self) -> Option<Vec<Str>> {
        let carved = |i: usize| super::displacement::carved_out_of(self.ctx, self.applied, i);
        if !self
            .applied
            .activities(self.ctx)
            .any(|i| (self.live)(i) && carved(i))
        {
            return Some(self.whole());
        }
        let kept = self.ids(&|i, _| (self.live)(i) && !carved(i));
        (!kept.is_empty()).then_some(kept)
    }

    fn point(
        &self,
        id: Str,
        citation: Str,
        text: Text,
        types: Vec<Str>,
        status: VerificationStatus,
    ) -> AttentionPoint {
        AttentionPoint {
            id,
            citation,
            text,
            entity_types: types,
            status,
            member_state: Some(Cow::Borrowed(self.state().code.as_str())),
            condition: None,
        }
    }
}

/// The weaker of two statuses.
fn weakest(a: VerificationStatus, b: VerificationStatus) -> VerificationStatus {
    let rank = |s: VerificationStatus| match s {
        VerificationStatus::Verified => 0,
        VerificationStatus::Secondary => 1,
        VerificationStatus::Unverified => 2,
    };
    if rank(a) >= rank(b) {
        a
    } else {
        b
    }
}

/// A text marked as not verified when its status says so (never shown as a fact).
fn marked(status: VerificationStatus, en: String, da: String) -> Text {
    if status == VerificationStatus::Unverified {
        Text::new(
            format!("Not verified — check the national act: {en}"),
            format!("Ikke kontrolleret — kontrollér den nationale lov: {da}"),
        )
    } else {
        Text::new(en, da)
    }
}

/// The national points of every State whose overlay applies, in order.
pub(crate) fn points(
    ctx: &Ctx,
    applied: &[Applied],
    in_scope: bool,
    displaced: &[Provision],
    live: &dyn Fn(usize) -> bool,
    out: &mut Vec<AttentionPoint>,
) {
    for a in applied {
        let s = State {
            ctx,
            applied: a,
            live,
            words: Words::of(a.state),
        };
        out.push(transposition(&s));
        if a.home {
            options(&s, out);
        }
        rules(&s, in_scope, out);
        if in_scope {
            authorities(&s, out);
            if a.state.transposition.status.adopted() {
                // The national duties bind only the activities the national act covers: none
                // when every activity in scope under this State is carved out of it.
                // National reporting transposes Art 23: not where a Union act or an exemption
                // displaces Art 23 for the whole organisation.
                if let Some(types) = s.covered() {
                    out.push(registration(&s, types.clone()));
                    if !displaced.contains(&Provision::Reporting) {
                        out.push(reporting(&s, types));
                    }
                }
            }
        }
    }
}

/// The act and its name with its number: `Name (No)`.
fn act_words(t: &Transposition) -> Option<String> {
    t.act.as_ref().map(|a| match &a.number {
        Some(n) => format!("{} ({n})", a.name),
        None => a.name.clone(),
    })
}

/// Whether the date of entry into force is established: given, and not unverified.
fn dated(t: &Transposition) -> bool {
    t.in_force.is_some() && t.in_force_status != VerificationStatus::Unverified
}

/// The date of entry into force with how far it was verified (None: not [`dated`]).
fn date_words(t: &Transposition) -> Option<(String, String)> {
    let date = t.in_force.as_deref().filter(|_| dated(t))?;
    Some(match t.in_force_status {
        VerificationStatus::Secondary => (
            format!("{date} (date from secondary sources)"),
            format!("{date} (datoen fra sekundære kilder)"),
        ),
        _ => (date.to_owned(), date.to_owned()),
    })
}

/// The transposition: the act and its date in force, or that national obligations are not
/// (yet) in force or not established.
fn transposition(s: &State<'_, '_>) -> AttentionPoint {
    let t = &s.state().transposition;
    let status = if dated(t) {
        weakest(t.item_status, t.in_force_status)
    } else {
        t.item_status
    };
    let text = s.words.text(
        |w| Some(&w.transposition),
        || transposition_words(s.state()).0,
    );
    s.point(
        Cow::Borrowed("member_state_transposition"),
        s.words.0.map_or_else(
            || Cow::Owned(transposition_words(s.state()).1),
            |w| Cow::Borrowed(w.transposition_citation.as_str()),
        ),
        text,
        s.whole(),
        status,
    )
}

/// The words of the transposition point and its citation (from the State's data alone).
fn transposition_words(st: &MemberState) -> (Text, String) {
    let t = &st.transposition;
    let (name_en, name_da) = (st.name.en.as_ref(), st.name.da.as_ref());
    let act = act_words(t).unwrap_or_default();
    let read = &t.read_on;
    let date = date_words(t);
    let (en, da) = match (t.status, &date) {
        (TranspositionStatus::InForce, Some((de, dd))) => (
            format!("{name_en}: NIS2 is transposed by {act}, in force since {de}. As read on {read}."),
            format!("{name_da}: NIS2 er gennemført ved {act}, i kraft fra {dd}. Som læst {read}."),
        ),
        (TranspositionStatus::InForce | TranspositionStatus::AdoptedInForceUnknown, _) => (
            format!("{name_en}: NIS2 is transposed by {act}, but its date of entry into force is not established. The Directive's rules are shown; check whether the national obligations are in force. As read on {read}."),
            format!("{name_da}: NIS2 er gennemført ved {act}, men datoen for ikrafttræden er ikke fastslået. Direktivets regler vises; kontrollér, om de nationale forpligtelser er i kraft. Som læst {read}."),
        ),
        (TranspositionStatus::AdoptedNotInForce, Some((de, dd))) => (
            format!("{name_en}: NIS2 is transposed by {act}, adopted but not in force until {de}. The Directive's rules are shown; the national obligations apply from that date. As read on {read}."),
            format!("{name_da}: NIS2 er gennemført ved {act}, vedtaget men først i kraft fra {dd}. Direktivets regler vises; de nationale forpligtelser gælder fra den dato. Som læst {read}."),
        ),
        (TranspositionStatus::AdoptedNotInForce, None) => (
            format!("{name_en}: NIS2 is transposed by {act}, adopted but not yet in force; the date is not established. The Directive's rules are shown; the national obligations are not yet in force. As read on {read}."),
            format!("{name_da}: NIS2 er gennemført ved {act}, vedtaget men endnu ikke i kraft; datoen er ikke fastslået. Direktivets regler vises; de nationale forpligtelser er endnu ikke i kraft. Som læst {read}."),
        ),
        (TranspositionStatus::NotTransposed, _) => {
            let bill = if act.is_empty() { String::new() } else { format!(" (pending: {act})") };
            let bill_da = if act.is_empty() { String::new() } else { format!(" (under behandling: {act})") };
            (
                format!("{name_en} has not transposed NIS2{bill}. The Directive's rules are shown as what NIS2 requires; national NIS2 obligations are not yet in force, and the national law implementing NIS1 may still apply. As read on {read}."),
                format!("{name_da} har ikke gennemført NIS2{bill_da}. Direktivets regler vises som det, NIS2 kræver; nationale NIS2-forpligtelser er endnu ikke i kraft, og den nationale lov, der gennemfører NIS1, kan stadig gælde. Som læst {read}."),
            )
        }
        (TranspositionStatus::Nis1Only, _) => (
            format!("{name_en} (EEA) applies its law implementing NIS1, {act}; NIS2 is not yet part of its law. The Directive's rules are shown as what NIS2 requires; national NIS2 obligations are not established. As read on {read}."),
            format!("{name_da} (EØS) anvender sin lov, der gennemfører NIS1, {act}; NIS2 er endnu ikke en del af landets ret. Direktivets regler vises som det, NIS2 kræver; nationale NIS2-forpligtelser er ikke fastslået. Som læst {read}."),
        ),
    };
    let citation = t
        .act
        .as_ref()
        .and_then(|a| a.number.as_deref())
        .map_or_else(|| "Art. 41".to_owned(), |n| format!("Art. 41; {n}"));
    (Text::new(en, da), citation)
}

/// The options that concern the activities (local public administration, education) and the
/// NIS1 operators (Art 3(1)(g)), with the State's choice and its status.
fn options(s: &State<'_, '_>, out: &mut Vec<AttentionPoint>) {
    let o = &s.state().options;
    for t in s.ctx.types {
        let choice = match t.rule_group {
            RuleGroup::LocalPublicAdministration => o.local_public_administration.as_ref(),
            RuleGroup::EducationInstitution => o.education_institutions.as_ref(),
            _ => None,
        };
        if let Some(c) = choice {
            out.push(s.point(
                Cow::Borrowed("member_state_option"),
                Cow::Borrowed(c.citation.as_str()),
                Text::borrowed(&c.note),
                vec![Cow::Borrowed(t.id.as_str())],
                c.status,
            ));
        }
    }
    let nis1 = s
        .ctx
        .profile
        .designations
        .as_ref()
        .and_then(|d| d.nis1_operator_of_essential_services);
    if nis1 == Some(true) {
        if let Some(c) = o.nis1_operators_essential.as_ref() {
            out.push(s.point(
                Cow::Borrowed("member_state_option"),
                Cow::Borrowed(c.citation.as_str()),
                Text::borrowed(&c.note),
                Vec::new(),
                c.status,
            ));
        }
    }
}

/// The national rules: those that change the scope decision always, the others only for an
/// entity in scope; each for the activities it concerns, with its condition.
fn rules(s: &State<'_, '_>, in_scope: bool, out: &mut Vec<AttentionPoint>) {
    for (k, r) in s.state().rules.iter().enumerate() {
        if r.when_in_scope && !in_scope {
            continue;
        }
        let types = if r.entity_type_prefixes.is_empty() {
            s.whole()
        } else {
            let matched = s.ids(&|i, id| r.matches(id) && (!r.when_in_scope || (s.live)(i)));
            if matched.is_empty() {
                continue;
            }
            matched
        };
        // A carve-out that applies is a displacement (with what applies instead), not a point.
        let carved = s
            .applied
            .activities(s.ctx)
            .any(|i| (s.live)(i) && super::displacement::carved(s.ctx, r, i));
        if carved {
            continue;
        }
        let mut p = s.point(
            Cow::Borrowed(r.id.as_str()),
            Cow::Borrowed(r.citation.as_str()),
            s.words.text(
                |w| w.rules.get(k),
                || marked(r.status, r.text.en.to_string(), r.text.da.to_string()),
            ),
            types,
            r.status,
        );
        p.condition = r.condition.as_ref().map(Text::borrowed);
        out.push(p);
    }
}

/// The words of an authority's role and its citation.
fn role(r: AuthorityRole) -> (&'static str, &'static str, &'static str, &'static str) {
    match r {
        AuthorityRole::CompetentAuthority => (
            "member_state_competent_authority",
            "Art. 8(1)",
            "competent authority",
            "kompetent myndighed",
        ),
        AuthorityRole::Csirt => ("member_state_csirt", "Art. 10(1)", "CSIRT", "CSIRT"),
        AuthorityRole::SinglePointOfContact => (
            "member_state_single_point_of_contact",
            "Art. 8(3)",
            "single point of contact",
            "centralt kontaktpunkt",
        ),
    }
}

/// The competent authorities, CSIRTs and single points of contact for the activities in scope.
fn authorities(s: &State<'_, '_>, out: &mut Vec<AttentionPoint>) {
    for (k, a) in s.state().authorities.iter().enumerate() {
        let types = if a.sectors.is_empty() {
            s.whole()
        } else {
            let matched = s.ids(&|i, id| a.covers(id) && (s.live)(i));
            if matched.is_empty() {
                continue;
            }
            matched
        };
        out.push(authority(s, k, a, types));
    }
}

fn authority(
    s: &State<'_, '_>,
    k: usize,
    a: &'static Authority,
    types: Vec<Str>,
) -> AttentionPoint {
    let (id, citation, _, _) = role(a.role);
    let text = s
        .words
        .text(|w| w.authorities.get(k), || authority_words(s.state(), a));
    let id = a.id.as_deref().map_or(Cow::Borrowed(id), Cow::Borrowed);
    s.point(id, Cow::Borrowed(citation), text, types, a.status)
}

/// The words of an authority's point (from the State's data alone).
fn authority_words(st: &MemberState, a: &Authority) -> Text {
    let (_, _, role_en, role_da) = role(a.role);
    let (scope_en, scope_da) = if a.sectors.is_empty() {
        ("all sectors", "alle sektorer")
    } else {
        ("these activities", "disse aktiviteter")
    };
    let url = a
        .url
        .as_deref()
        .map(|u| format!(" ({u})"))
        .unwrap_or_default();
    let (name_en, name_da) = clause(&a.name);
    marked(
        a.status,
        format!("{} — {role_en} for {scope_en}: {name_en}{url}.", st.name.en),
        format!("{} — {role_da} for {scope_da}: {name_da}{url}.", st.name.da),
    )
}

/// A text without its final full stop (it is put in a sentence).
fn clause(t: &Text) -> (String, String) {
    let cut = |s: &str| s.trim_end().trim_end_matches('.').to_owned();
    (cut(&t.en), cut(&t.da))
}

/// A text or the words for "not established".
fn or_unknown(t: Option<&Text>) -> (String, String) {
    t.map_or_else(
        || ("not established".to_owned(), "ikke fastslået".to_owned()),
        clause,
    )
}

/// ` Applies to: ….` where the act says who.
fn applies_to(t: Option<&Text>) -> (String, String) {
    t.map(clause)
        .map(|(en, da)| (format!(" Applies to: {en}."), format!(" Gælder for: {da}.")))
        .unwrap_or_default()
}

/// How and by when to register.
fn registration(s: &State<'_, '_>, types: Vec<Str>) -> AttentionPoint {
    let r = &s.state().registration;
    let text = s
        .words
        .text(|w| Some(&w.registration), || registration_words(s.state()));
    let id =
        r.id.as_deref()
            .map_or(Cow::Borrowed("member_state_registration"), Cow::Borrowed);
    let citation = r
        .citation
        .as_deref()
        .map_or(Cow::Borrowed("Art. 3(4)"), Cow::Borrowed);
    s.point(id, citation, text, types, r.status)
}

/// The words of the registration point (from the State's data alone).
fn registration_words(st: &MemberState) -> Text {
    let r = &st.registration;
    let (channel, deadline) = (
        or_unknown(r.channel.as_ref()),
        or_unknown(r.deadline.as_ref()),
    );
    let who = applies_to(r.applies_to.as_ref());
    if r.channel.is_none() && r.deadline.is_none() {
        // Nothing is stated, so nothing needs marking as unverified.
        Text::new(
            format!("{} — registration: how and by when to register is not established in the data; check the national act or the competent authority.", st.name.en),
            format!("{} — registrering: hvordan og hvornår der skal registreres, er ikke fastslået i data; kontrollér den nationale lov eller den kompetente myndighed.", st.name.da),
        )
    } else {
        marked(
            r.status,
            format!(
                "{} — registration: {}. Deadline: {}.{}",
                st.name.en, channel.0, deadline.0, who.0
            ),
            format!(
                "{} — registrering: {}. Frist: {}.{}",
                st.name.da, channel.1, deadline.1, who.1
            ),
        )
    }
}

/// How to report incidents and how national law departs from Art 23(4).
fn reporting(s: &State<'_, '_>, types: Vec<Str>) -> AttentionPoint {
    let r = &s.state().reporting;
    let text = s
        .words
        .text(|w| Some(&w.reporting), || reporting_words(s.state()));
    let id =
        r.id.as_deref()
            .map_or(Cow::Borrowed("member_state_reporting"), Cow::Borrowed);
    let citation = r
        .citation
        .as_deref()
        .map_or(Cow::Borrowed("Art. 23"), Cow::Borrowed);
    s.point(id, citation, text, types, r.status)
}

/// The words of the reporting point (from the State's data alone).
fn reporting_words(st: &MemberState) -> Text {
    let r = &st.reporting;
    let channel = or_unknown(r.channel.as_ref());
    let deviations = r.deviations.as_ref().map_or_else(
        || {
            (
                "not read (this does not mean there are none)".to_owned(),
                "ikke læst (det betyder ikke, at der ingen er)".to_owned(),
            )
        },
        clause,
    );
    let who = applies_to(r.applies_to.as_ref());
    if r.channel.is_none() && r.deviations.is_none() {
        // Nothing is stated, so nothing needs marking as unverified.
        Text::new(
            format!("{} — incident reporting: where to report and any national deviation from the deadlines of Art 23(4) are not established in the data; check the national act or the competent authority.", st.name.en),
            format!("{} — indberetning af hændelser: hvor der skal indberettes, og eventuelle nationale afvigelser fra fristerne i art. 23, stk. 4, er ikke fastslået i data; kontrollér den nationale lov eller den kompetente myndighed.", st.name.da),
        )
    } else {
        marked(
            r.status,
            format!(
                "{} — incident reporting: {}. Deviations from Art 23(4): {}.{}",
                st.name.en, channel.0, deviations.0, who.0
            ),
            format!(
                "{} — indberetning af hændelser: {}. Afvigelser fra art. 23, stk. 4: {}.{}",
                st.name.da, channel.1, deviations.1, who.1
            ),
        )
    }
}
