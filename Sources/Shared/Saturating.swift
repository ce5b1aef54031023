extension FixedWidthInteger {
    /// `self + other`, held at the type's bounds instead of trapping: for sums of counts that come
    /// from outside (stored rows, a daemon's answer), which are not trusted to fit.
    public func addingSaturating(_ other: Self) -> Self {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }
}
