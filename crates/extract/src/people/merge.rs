//! Merging the mentions of one person (from blocks, signatures, quotes, agenda items and
//! statements) into one attendee: the most specific role, the first party, organisation and
//! status, the earliest span.

use super::Person;
use crate::text::{fold, squash};
use crate::{Attendee, Role};

fn rank(r: Option<Role>) -> u8 {
    match r {
        Some(Role::Chair) => 7,
        Some(Role::ViceChair) => 6,
        Some(Role::Secretary) => 5,
        Some(Role::Adjuster) => 4,
        Some(Role::Host) => 3,
        Some(Role::Speaker) => 2,
        Some(Role::Member) => 1,
        None => 0,
    }
}

/// The key two mentions of one person share.
pub(crate) fn name_key(name: &str) -> String {
    fold(&squash(name)).replace(['’', '\''], "")
}

/// Merges mentions of the same person, keeping the most specific role and the first party,
/// organisation, status and span; ordered by first mention.
pub(crate) fn merge(people: Vec<Person>) -> Vec<Attendee> {
    // Key -> index in `out` (a list scan per mention was quadratic in a long document).
    let mut keys: std::collections::HashMap<String, usize> = Default::default();
    let mut out: Vec<Person> = Vec::new();
    for p in people {
        let k = name_key(&p.name);
        if let Some(&i) = keys.get(&k) {
            let q = &mut out[i];
            // A role read from a verb never replaces a stated one, and yields to any.
            // Someone on a list (with a status) who presents a case is not a programme speaker.
            let replace = match (p.role_weak, q.role_weak) {
                // A title in running text names a role for someone on a list without one.
                _ if p.known_only => {
                    matches!(q.role, None | Some(Role::Member)) && rank(p.role) > rank(q.role)
                }
                (true, false) => q.role.is_none() && q.status.is_none(),
                (false, true) => p.role.is_some() || p.status.is_some(),
                _ => rank(p.role) > rank(q.role),
            };
            if replace {
                q.role = p.role;
                q.role_weak = p.role_weak;
            }
            if q.party.is_none() {
                q.party = p.party;
            }
            if q.org.is_none() || (q.org_weak && !p.org_weak && p.org.is_some()) {
                q.org = p.org;
                q.org_weak = p.org_weak;
            }
            if q.status.is_none() {
                q.status = p.status;
            }
            q.known_only &= p.known_only;
            if p.span.0 < q.span.0 {
                q.span = p.span;
            }
        } else {
            keys.insert(k, out.len());
            out.push(p);
        }
    }
    out.retain(|p| !p.known_only);
    out.sort_by_key(|p| p.span.0);
    out.into_iter()
        .map(|p| Attendee {
            name: p.name,
            party: p.party,
            role: p.role,
            organization: p.org,
            status: p.status,
            span: [p.span.0, p.span.1],
        })
        .collect()
}
