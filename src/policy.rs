//! Every authorisation decision, in one place, for both edges and the command line: who may
//! do what (`may_*`, answered [`Denied`] with a reason) and who may see what (`can_see_*`,
//! answered `false`, which callers turn into "not found" so that hidden and absent look the
//! same). Rules take plain values, never requests or rows.

use uuid::Uuid;

use crate::domain::{
    AccountStatus, Actor, Refusal, Refuses, Role,
    collaboration::Step,
    offer::{OfferMove, Party},
};

/// The caller may not do this; the reason is for a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Denied(pub &'static str);

impl From<Denied> for Refusal {
    fn from(d: Denied) -> Self {
        Self::Forbidden(d.0.to_owned())
    }
}

impl Refuses for Denied {
    fn refusal(&self) -> Option<Refusal> {
        Some((*self).into())
    }
}

fn allow(ok: bool, reason: &'static str) -> Result<(), Denied> {
    if ok { Ok(()) } else { Err(Denied(reason)) }
}

/// Admin pages and endpoints.
pub fn may_administer(a: &Actor) -> Result<(), Denied> {
    allow(a.is_admin(), "Only admins may do this.")
}

/// A host profile is a host's, a supplier profile a supplier's.
pub fn may_keep_profile(a: &Actor, kind: Role) -> Result<(), Denied> {
    let reason = match kind {
        Role::Host => "Only host accounts have this profile.",
        _ => "Only supplier accounts have this profile.",
    };
    allow(a.role == kind, reason)
}

/// Only approved suppliers list products.
pub fn may_list_products(a: &Actor) -> Result<(), Denied> {
    allow(a.role == Role::Supplier, "Only suppliers list products.")?;
    allow(
        a.is_approved(),
        "Your account must be approved before you list products.",
    )
}

/// Only approved suppliers send offers.
pub fn may_send_offers(a: &Actor) -> Result<(), Denied> {
    allow(
        a.role == Role::Supplier && a.is_approved(),
        "Only approved suppliers send offers.",
    )
}

const SEARCH_CLOSED: &str = "Search is open to approved accounts of the roles it serves.";

/// Host search serves approved suppliers (and admins).
pub fn may_search_hosts(a: &Actor) -> Result<(), Denied> {
    allow(
        a.is_admin() || (a.role == Role::Supplier && a.is_approved()),
        SEARCH_CLOSED,
    )
}

/// Product search serves every approved account (and admins).
pub fn may_search_products(a: &Actor) -> Result<(), Denied> {
    allow(a.is_admin() || a.is_approved(), SEARCH_CLOSED)
}

/// A product's ranked hosts are for suppliers and admins; which product is
/// [`can_rank_hosts_for`], and an unapproved supplier waits ([`may_open_matches`]).
pub fn may_rank_hosts(a: &Actor) -> Result<(), Denied> {
    allow(
        matches!(a.role, Role::Supplier | Role::Admin),
        "A product's matches are for the supplier who lists it.",
    )
}

/// Whether the product of `supplier_id` is one whose matches `a` may ask for.
pub fn can_rank_hosts_for(a: &Actor, supplier_id: Uuid) -> bool {
    a.is_admin() || a.id == supplier_id
}

/// Matches open once a supplier is approved.
pub fn may_open_matches(a: &Actor) -> Result<(), Denied> {
    allow(
        a.is_admin() || a.is_approved(),
        "Matches open once an admin has approved your account.",
    )
}

/// Recommendations are for approved hosts.
pub fn may_get_recommendations(a: &Actor) -> Result<(), Denied> {
    allow(
        a.role == Role::Host && a.is_approved(),
        "Recommendations are for approved hosts.",
    )
}

/// Whether `viewer` may see what the account `owner_id` (in `owner_status`) published:
/// everyone signed in sees approved accounts; owners and admins see their own or everything.
pub fn can_see_account(viewer: &Actor, owner_id: Uuid, owner_status: AccountStatus) -> bool {
    viewer.id == owner_id || viewer.is_admin() || owner_status == AccountStatus::Approved
}

/// Whether `viewer` may see a product: its owner and admins always; others while it is
/// active and its supplier visible.
pub fn can_see_product(
    viewer: &Actor,
    supplier_id: Uuid,
    active: bool,
    supplier_status: AccountStatus,
) -> bool {
    viewer.id == supplier_id
        || viewer.is_admin()
        || (active && can_see_account(viewer, supplier_id, supplier_status))
}

/// Whether `viewer` sees everything a supplier lists (archived too), not only what is live.
pub fn sees_whole_catalogue(viewer: &Actor, supplier_id: Uuid) -> bool {
    viewer.id == supplier_id || viewer.is_admin()
}

/// Whether `viewer` sees the screening findings of a host's own text.
pub fn sees_host_findings(viewer: &Actor, host_id: Uuid) -> bool {
    viewer.id == host_id || viewer.is_admin()
}

/// What may happen to a product someone asks to change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeProduct {
    Allowed,
    /// The caller may see it but not change it (an admin).
    Denied(Denied),
    /// The caller is told nothing exists.
    Hidden,
}

/// Only the supplier who owns a product changes or archives it.
pub fn may_change_product(a: &Actor, supplier_id: Uuid) -> ChangeProduct {
    if a.id == supplier_id {
        ChangeProduct::Allowed
    } else if a.is_admin() {
        ChangeProduct::Denied(Denied("Only the supplier who owns a product changes it."))
    } else {
        ChangeProduct::Hidden
    }
}

/// Whether `viewer` may see an offer: its two parties and admins.
pub fn can_see_offer(viewer: &Actor, supplier_id: Uuid, host_id: Uuid) -> bool {
    viewer.id == supplier_id || viewer.id == host_id || viewer.is_admin()
}

/// Which side of an offer or collaboration `a` is on, if either.
pub fn side(a: &Actor, supplier_id: Uuid, host_id: Uuid) -> Option<Party> {
    if a.id == supplier_id {
        Some(Party::Supplier)
    } else if a.id == host_id {
        Some(Party::Host)
    } else {
        None
    }
}

/// Why a party of an offer may not answer it now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotNow {
    /// Never theirs to do (a host withdrawing, an admin answering).
    Denied(Denied),
    /// A party waiting for the other: it is `Party`'s turn to answer the latest version.
    /// A state of the offer, not a right: the caller answers 409.
    OthersTurn(Party),
}

impl From<Denied> for NotNow {
    fn from(d: Denied) -> Self {
        Self::Denied(d)
    }
}

/// The party that did not make the latest version accepts, declines or counters it
/// (`mv` `None` is a counter); the supplier withdraws at any point.
pub fn may_answer_offer(
    a: &Actor,
    mv: Option<OfferMove>,
    latest_by: Party,
    supplier_id: Uuid,
    host_id: Uuid,
) -> Result<(), NotNow> {
    let side = side(a, supplier_id, host_id);
    if mv == Some(OfferMove::Withdraw) {
        return Ok(allow(
            side == Some(Party::Supplier),
            "Only the supplier who sent an offer withdraws it.",
        )?);
    }
    let turn = latest_by.other();
    match side {
        Some(s) if s == turn => Ok(()),
        Some(_) => Err(NotNow::OthersTurn(turn)),
        None => Err(Denied("Only the two parties of an offer answer it.").into()),
    }
}

/// Each step of a collaboration belongs to one party, or to either; admins only read.
pub fn may_take_step(
    a: &Actor,
    step: Step,
    supplier_id: Uuid,
    host_id: Uuid,
) -> Result<(), Denied> {
    let side = side(a, supplier_id, host_id);
    let reason = match step.by() {
        None => "Only the two parties of a collaboration take its steps.",
        Some(Party::Supplier) => "Only the collaboration's supplier takes this step.",
        Some(Party::Host) => "Only the collaboration's host takes this step.",
    };
    allow(
        side.is_some() && (step.by().is_none() || step.by() == side),
        reason,
    )
}

/// Messages in a thread, reports of it, and reviews are the two parties' own; admins read.
pub fn may_write_as_party(a: &Actor, supplier_id: Uuid, host_id: Uuid) -> Result<(), Denied> {
    allow(
        side(a, supplier_id, host_id).is_some(),
        "Only the two parties write in their thread.",
    )
}

/// Hosts block suppliers.
pub fn may_block(a: &Actor) -> Result<(), Denied> {
    allow(a.role == Role::Host, "Only hosts block suppliers.")
}

/// Whether tokens and sessions of an account in `status` still work.
pub fn may_authenticate(status: AccountStatus) -> bool {
    status.can_authenticate()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Locale;

    fn actor(role: Role, status: AccountStatus) -> Actor {
        Actor {
            id: Uuid::now_v7(),
            role,
            status,
            locale: Locale::En,
        }
    }

    #[test]
    fn only_approved_suppliers_list_products_and_send_offers() {
        use AccountStatus::*;
        for (role, status, ok) in [
            (Role::Supplier, Approved, true),
            (Role::Supplier, Pending, false),
            (Role::Host, Approved, false),
            (Role::Admin, Approved, false),
        ] {
            let a = actor(role, status);
            assert_eq!(may_list_products(&a).is_ok(), ok, "{role:?} {status:?}");
            assert_eq!(may_send_offers(&a).is_ok(), ok, "{role:?} {status:?}");
        }
        let pending = actor(Role::Supplier, Pending);
        assert_eq!(
            may_list_products(&pending).unwrap_err().0,
            "Your account must be approved before you list products."
        );
    }

    #[test]
    fn hidden_accounts_are_seen_only_by_their_owner_and_admins() {
        let viewer = actor(Role::Supplier, AccountStatus::Approved);
        let admin = actor(Role::Admin, AccountStatus::Approved);
        let owner = Uuid::now_v7();
        assert!(can_see_account(&viewer, owner, AccountStatus::Approved));
        assert!(!can_see_account(&viewer, owner, AccountStatus::Pending));
        assert!(can_see_account(&admin, owner, AccountStatus::Suspended));
        assert!(can_see_account(&viewer, viewer.id, AccountStatus::Pending));
        assert!(!can_see_product(
            &viewer,
            owner,
            false,
            AccountStatus::Approved
        ));
        assert!(can_see_product(
            &viewer,
            viewer.id,
            false,
            AccountStatus::Approved
        ));
    }

    #[test]
    fn an_admin_sees_a_product_but_only_its_owner_changes_it() {
        let admin = actor(Role::Admin, AccountStatus::Approved);
        let other = actor(Role::Supplier, AccountStatus::Approved);
        let owner = actor(Role::Supplier, AccountStatus::Approved);
        assert_eq!(may_change_product(&owner, owner.id), ChangeProduct::Allowed);
        assert!(matches!(
            may_change_product(&admin, owner.id),
            ChangeProduct::Denied(_)
        ));
        assert_eq!(may_change_product(&other, owner.id), ChangeProduct::Hidden);
    }

    #[test]
    fn each_offer_move_belongs_to_one_party_in_its_turn() {
        let supplier = actor(Role::Supplier, AccountStatus::Approved);
        let host = actor(Role::Host, AccountStatus::Approved);
        let admin = actor(Role::Admin, AccountStatus::Approved);
        let (s, h) = (supplier.id, host.id);
        let answer = |a: &Actor, mv, latest_by| may_answer_offer(a, mv, latest_by, s, h);
        let (accept, withdraw) = (Some(OfferMove::Accept), Some(OfferMove::Withdraw));
        let by_supplier = Party::Supplier;
        assert!(answer(&host, accept, by_supplier).is_ok());
        assert!(answer(&host, None, by_supplier).is_ok());
        assert_eq!(
            answer(&supplier, accept, by_supplier),
            Err(NotNow::OthersTurn(Party::Host))
        );
        assert!(answer(&supplier, withdraw, by_supplier).is_ok());
        assert!(matches!(
            answer(&host, withdraw, by_supplier),
            Err(NotNow::Denied(_))
        ));
        assert!(matches!(
            answer(&admin, accept, by_supplier),
            Err(NotNow::Denied(_))
        ));
        // After the host's counter, the supplier answers it, and may still withdraw.
        let by_host = Party::Host;
        assert!(answer(&supplier, accept, by_host).is_ok());
        assert!(answer(&supplier, None, by_host).is_ok());
        assert_eq!(
            answer(&host, Some(OfferMove::Decline), by_host),
            Err(NotNow::OthersTurn(Party::Supplier))
        );
        assert!(answer(&supplier, withdraw, by_host).is_ok());
        assert!(matches!(
            answer(&admin, None, by_host),
            Err(NotNow::Denied(_))
        ));
    }

    #[test]
    fn collaboration_steps_belong_to_their_party_and_admins_only_read() {
        let supplier = actor(Role::Supplier, AccountStatus::Approved);
        let host = actor(Role::Host, AccountStatus::Approved);
        let admin = actor(Role::Admin, AccountStatus::Approved);
        let (s, h) = (supplier.id, host.id);
        for step in Step::ALL {
            let by = step.by();
            let supplier_may = by.is_none() || by == Some(Party::Supplier);
            let host_may = by.is_none() || by == Some(Party::Host);
            assert_eq!(may_take_step(&supplier, *step, s, h).is_ok(), supplier_may);
            assert_eq!(may_take_step(&host, *step, s, h).is_ok(), host_may);
            assert!(may_take_step(&admin, *step, s, h).is_err());
        }
        assert!(may_write_as_party(&admin, s, h).is_err());
        assert!(may_write_as_party(&host, s, h).is_ok());
    }
}
