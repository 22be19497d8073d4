use super::string_enum;

string_enum! {
    /// A package's signing status, at package, signer or document grain.
    ///
    /// The set is the official SDK's enum; the service may add values, kept as `Other`.
    SigningStatus {
        Inactive = "INACTIVE",
        SigningPending = "SIGNING_PENDING",
        SigningComplete = "SIGNING_COMPLETE",
        Completed = "COMPLETED",
        Archived = "ARCHIVED",
        Declined = "DECLINED",
        OptedOut = "OPTED_OUT",
        Expired = "EXPIRED",
    }
}
