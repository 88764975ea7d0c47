//! The languages of the app. Its own module: units, formatting and display all depend on it.

use super::codes::code_table;

code_table! {
    /// The two languages of the app.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
    pub enum Lang {
        #[default]
        En = "en",
        Zh = "zh",
    }
}

impl Lang {
    /// The language's tag for `<html lang>` (BCP 47): the script matters for Chinese fonts.
    pub fn html_tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }
}
