namespace Clinic.Domain.Completions;

/// <summary>Why a client did not practise. The wire names are snake_case (<c>no_time</c>).</summary>
public enum SkipReason
{
    Forgot,
    NoTime,
    TooDistressing,
    Unclear,
    NotHelpful,
    Other,
}
