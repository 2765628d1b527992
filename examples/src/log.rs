//! What an example says it did: printed for a person, kept for the tests.

/// The lines a flow reports, printed as they come unless quiet.
#[derive(Debug, Default)]
pub struct Log {
    lines: Vec<String>,
    quiet: bool,
}

impl Log {
    /// Prints each line as it is said.
    pub fn printing() -> Self {
        Log::default()
    }

    /// Only keeps the lines (for tests).
    pub fn quiet() -> Self {
        Log {
            lines: Vec::new(),
            quiet: true,
        }
    }

    /// Reports one step.
    pub fn say(&mut self, line: impl Into<String>) {
        let line = line.into();
        if !self.quiet {
            println!("{line}");
        }
        self.lines.push(line);
    }

    /// Everything said so far.
    pub fn lines(&self) -> &[String] {
        &self.lines
    }
}
