//! Lint levels from the command line: `-A`, `-W`, `-D` with a lint, a group, `all`, or
//! `-D warnings`, applied in the order given, as rustc does.

use std::fmt;

use crate::diagnostic::Level;
use crate::registry;

/// A problem with the run's settings: reported on stderr, exit 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub message: String,
    pub help: Option<String>,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  = help: {help}")?;
        }
        Ok(())
    }
}

/// Each lint's level after applying `flags` (level and selector, in command-line order) to the
/// defaults.
pub fn levels(flags: &[(Level, String)]) -> Result<Vec<Level>, ConfigError> {
    let lints = registry::lints();
    let mut levels: Vec<Level> = lints.iter().map(|lint| lint.spec.level).collect();
    let mut warnings_are_errors = false;
    for (level, selector) in flags {
        if selector == "warnings" {
            // Like rustc: `-D warnings` turns whatever ends up a warning into an error;
            // `-W warnings` or `-A warnings` undo an earlier `-D warnings`.
            warnings_are_errors = *level == Level::Deny;
            continue;
        }
        let selected: Vec<usize> = match selector.as_str() {
            "all" => (0..lints.len()).collect(),
            name => match registry::index_of(name) {
                Some(index) => vec![index],
                None => {
                    let in_group: Vec<usize> = (0..lints.len())
                        .filter(|&i| lints[i].spec.group.as_str() == name)
                        .collect();
                    if in_group.is_empty() && !crate::spec::Group::ALL.iter().any(|g| g.as_str() == name) {
                        return Err(unknown("lint or group", name));
                    }
                    in_group
                }
            },
        };
        for index in selected {
            levels[index] = *level;
        }
    }
    if warnings_are_errors {
        for level in &mut levels {
            if *level == Level::Warn {
                *level = Level::Deny;
            }
        }
    }
    Ok(levels)
}

/// An unknown `what` named `name`, with the closest names as a hint.
pub fn unknown(what: &str, name: &str) -> ConfigError {
    let suggestions = registry::suggest(name);
    ConfigError {
        message: format!("unknown {what} `{name}`"),
        help: Some(match suggestions.as_slice() {
            [] => "run `mtlint rules` to list the lints".to_owned(),
            names => format!(
                "did you mean {}?",
                names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(" or ")
            ),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level_of(levels: &[Level], name: &str) -> Level {
        levels[registry::index_of(name).unwrap()]
    }

    #[test]
    fn flags_apply_in_order_and_warnings_last() {
        let flags = [
            (Level::Allow, "all".to_owned()),
            (Level::Warn, "typography".to_owned()),
            (Level::Deny, "warnings".to_owned()),
            (Level::Allow, "mixed-quotes".to_owned()),
        ];
        let levels = levels(&flags).unwrap();
        assert_eq!(level_of(&levels, "space-before-punct"), Level::Deny);
        assert_eq!(level_of(&levels, "mixed-quotes"), Level::Allow);
        assert_eq!(level_of(&levels, "page-chrome"), Level::Allow);
    }

    #[test]
    fn unknown_names_suggest_the_closest() {
        let err = levels(&[(Level::Allow, "stray-guilemet".to_owned())]).unwrap_err();
        assert_eq!(err.message, "unknown lint or group `stray-guilemet`");
        assert_eq!(err.help.as_deref(), Some("did you mean `stray-guillemet`?"));
    }
}
