//! "Exit this page"'s keyboard shortcut, counted as GOV.UK's component counts it: Shift pressed
//! on its own three times within five seconds. Keys are counted as they are released; any other
//! key starts the count again, and a Shift released just after a shifted key (typing capitals)
//! does not count, so typing "NR2 1AB" never leaves the page.

/// The time from the first counted press within which the third must come.
pub const WINDOW_MS: f64 = 5_000.0;

#[derive(Clone, Debug, Default)]
pub struct ShiftCount {
    presses: u32,
    first_at: f64,
    last_was_shifted: bool,
}

impl ShiftCount {
    /// One key released (`is_shift`: it was Shift; `shift_held`: the event's shiftKey) at `now`
    /// (ms); true when this is the third lone Shift within the window.
    pub fn key_up(&mut self, is_shift: bool, shift_held: bool, now: f64) -> bool {
        let counts = is_shift && !self.last_was_shifted;
        self.last_was_shifted = shift_held;
        if !counts {
            if !is_shift {
                self.presses = 0;
            }
            return false;
        }
        if self.presses == 0 || now - self.first_at > WINDOW_MS {
            self.presses = 0;
            self.first_at = now;
        }
        self.presses += 1;
        self.presses >= 3
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Releases keys as a browser reports them: (key, shiftKey, time).
    fn release(keys: &[(&str, bool, f64)]) -> Vec<bool> {
        let mut count = ShiftCount::default();
        keys.iter()
            .map(|(key, held, at)| count.key_up(*key == "Shift", *held, *at))
            .collect()
    }

    #[test]
    fn three_lone_shifts_within_five_seconds_leave() {
        let shift = |at| ("Shift", false, at);
        assert_eq!(
            release(&[shift(0.0), shift(300.0), shift(600.0)]),
            [false, false, true]
        );
        // Too slow: the window starts again from the press after it.
        assert_eq!(
            release(&[
                shift(0.0),
                shift(3_000.0),
                shift(5_001.0),
                shift(6_000.0),
                shift(6_500.0)
            ]),
            [false, false, false, false, true]
        );
    }

    #[test]
    fn typing_capitals_or_other_keys_between_shifts_never_leaves() {
        // "NR" typed with Shift held: the letters are released shifted, then Shift.
        let capitals = [("N", true, 0.0), ("R", true, 10.0), ("Shift", false, 20.0)];
        let typed: Vec<_> = capitals
            .iter()
            .cycle()
            .take(9)
            .enumerate()
            .map(|(i, (k, h, _))| (*k, *h, i as f64 * 10.0))
            .collect();
        assert!(
            release(&typed).iter().all(|left| !left),
            "typing capitals left the page"
        );
        // Another key between the presses starts the count again.
        let broken = [
            ("Shift", false, 0.0),
            ("Shift", false, 10.0),
            ("a", false, 20.0),
            ("Shift", false, 30.0),
            ("Shift", false, 40.0),
        ];
        assert_eq!(release(&broken), [false; 5]);
    }
}
