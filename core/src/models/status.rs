use super::string_enum;

string_enum! {
    /// A package's signing status, at package, signer or document grain.
    ///
    /// Wire values from the official Java SDK's `SigningStatus` tokens (its enum names
    /// differ: INACTIVE is `DRAFT`, SIGNING_COMPLETE is `SIGNING_COMPLETED`). The service
    /// may add values; they are kept as `Other`.
    SigningStatus {
        Draft = "DRAFT",
        SigningPending = "SIGNING_PENDING",
        SigningCompleted = "SIGNING_COMPLETED",
        Completed = "COMPLETED",
        Archived = "ARCHIVED",
        Declined = "DECLINED",
        OptedOut = "OPTED_OUT",
        Expired = "EXPIRED",
        Canceled = "CANCELED",
        Deleted = "DELETED",
    }
}
