//! The dossier look-up form ("Tra cứu hồ sơ"): a plain GET form built from `lookup_url`, so the
//! code a citizen types goes straight to the one-stop system and nowhere else, without JavaScript.

use serde::Serialize;

use super::Ctx;
use crate::model::Site;
use crate::text::percent_decode;

/// A hidden field carried over from the look-up address's query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hidden {
    pub name: String,
    pub value: String,
}

/// What the template needs to draw the form, or a link when no form can reproduce the address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LookupForm {
    /// The address without its query: the form's `action`.
    pub action: String,
    /// Name of the query parameter whose value is `{ma}`: the text box's `name`.
    pub code_name: Option<String>,
    /// The other query parameters, sent as they are.
    pub hidden: Vec<Hidden>,
    /// The look-up page without the code, for a link, a QR code and printing.
    pub address: String,
}

impl LookupForm {
    /// `https://x/tra-cuu?ma={ma}&k=1` → action `https://x/tra-cuu`, text box `ma`, hidden `k=1`.
    /// When `{ma}` is only part of a value (`?q=HS{ma}`), a GET form cannot build it: no text box,
    /// and the page links to the look-up address instead.
    pub fn parse(url: &str) -> LookupForm {
        let url = url.split_once('#').map_or(url, |(before, _)| before);
        let (action, query) = url.split_once('?').unwrap_or((url, ""));
        let mut code_name = None;
        let mut hidden = Vec::new();
        let mut kept = Vec::new();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let (name, value) = (percent_decode(name, true), percent_decode(value, true));
            if value == "{ma}" && code_name.is_none() {
                code_name = Some(name);
                continue;
            }
            if !value.contains("{ma}") {
                kept.push(pair);
            }
            hidden.push(Hidden { name, value });
        }
        let address = if kept.is_empty() { action.to_string() } else { format!("{action}?{}", kept.join("&")) };
        if code_name.is_none() {
            hidden.clear();
        }
        LookupForm { action: action.to_string(), code_name, hidden, address }
    }
}

/// The look-up address that applies to a unit: its own, else the site's.
pub fn for_unit(ctx: &Ctx, u: usize) -> Option<LookupForm> {
    unit_url(ctx, u).map(LookupForm::parse)
}

/// The look-up address of a procedure: the one all its units share, else the site's (a unit
/// without one must not send its citizens to another unit's system).
pub fn for_procedure(ctx: &Ctx, p: usize) -> Option<LookupForm> {
    let mut urls: Vec<Option<&str>> = ctx.links.units_of[p].iter().map(|&u| unit_url(ctx, u)).collect();
    if let Some(g) = ctx.links.group_of[p] {
        urls.extend(ctx.site_links.group_lookup_urls[g].iter().map(Option::as_deref));
    }
    urls.sort_unstable();
    urls.dedup();
    match urls.as_slice() {
        [Some(one)] => Some(LookupForm::parse(one)),
        _ => ctx.site.config.lookup_url.as_deref().map(LookupForm::parse),
    }
}

/// The look-up address of a group's shared board: the one all its units share, else the site's.
pub fn for_group(ctx: &Ctx, g: usize) -> Option<LookupForm> {
    match ctx.site_links.group_lookup_urls[g].as_slice() {
        [Some(one)] => Some(LookupForm::parse(one)),
        _ => ctx.site.config.lookup_url.as_deref().map(LookupForm::parse),
    }
}

fn unit_url<'a>(ctx: &Ctx<'a>, u: usize) -> Option<&'a str> {
    address_of(ctx.site, u)
}

fn address_of(site: &Site, u: usize) -> Option<&str> {
    site.units[u].lookup_url.as_deref().or(site.config.lookup_url.as_deref())
}

/// The different look-up addresses among a group's units (`None` for a unit without any),
/// worked out once per group rather than once per procedure.
pub fn group_addresses(site: &Site, units: &[usize]) -> Vec<Option<String>> {
    let set: std::collections::BTreeSet<Option<&str>> = units.iter().map(|&u| address_of(site, u)).collect();
    set.into_iter().map(|a| a.map(str::to_string)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_parameter_becomes_the_text_box_and_the_rest_stay_hidden() {
        let form = LookupForm::parse("https://motcua.example.gov.vn/tra-cuu?ma={ma}");
        assert_eq!(form.action, "https://motcua.example.gov.vn/tra-cuu");
        assert_eq!(form.code_name.as_deref(), Some("ma"));
        assert!(form.hidden.is_empty());
        assert_eq!(form.address, "https://motcua.example.gov.vn/tra-cuu");

        let form = LookupForm::parse("https://x.gov.vn/p/tra-cuu?loai=ho+so&ma%5Fhs={ma}&t=%C4%91#top");
        assert_eq!(form.action, "https://x.gov.vn/p/tra-cuu");
        assert_eq!(form.code_name.as_deref(), Some("ma_hs"));
        assert_eq!(
            form.hidden,
            vec![Hidden { name: "loai".into(), value: "ho so".into() }, Hidden { name: "t".into(), value: "đ".into() }]
        );
        assert_eq!(form.address, "https://x.gov.vn/p/tra-cuu?loai=ho+so&t=%C4%91");
    }

    #[test]
    fn a_code_inside_a_longer_value_gives_a_link_not_a_form() {
        let form = LookupForm::parse("https://x.gov.vn/tra-cuu?q=HS{ma}&k=1");
        assert_eq!(form.code_name, None);
        assert!(form.hidden.is_empty());
        assert_eq!(form.address, "https://x.gov.vn/tra-cuu?k=1");
    }

    #[test]
    fn percent_decoding_leaves_bad_escapes_alone() {}
}
