extension String {
    /// The text without leading and trailing spaces and tabs (what Foundation's
    /// `trimmingCharacters(in: .whitespaces)` removes: category Zs and U+0009), without bridging
    /// through `NSString`.
    public func trimmingWhitespace() -> String {
        let bytes = utf8
        guard let head = bytes.first, let tail = bytes.last else { return "" }
        // Most text has nothing to trim: a byte at either end that is neither ASCII space, tab
        // nor the lead byte of a multi-byte scalar settles it.
        if head != 0x20, head != 0x09, head < 0x80, tail != 0x20, tail != 0x09, tail < 0x80 { return self }
        let scalars = unicodeScalars
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == "\t" || $0 == " " || (!$0.isASCII && $0.properties.generalCategory == .spaceSeparator) }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
