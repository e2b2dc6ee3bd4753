using Clinic.Api.Common.Errors;
using Microsoft.Net.Http.Headers;

namespace Clinic.Api.Common.Http;

/// <summary>
/// Entity tags of versioned resources (plans): the tag is the version number, <c>"7"</c>, and an <c>If-Match</c> or
/// <c>If-None-Match</c> may send it strong or weak (<c>W/"7"</c>, as FHIR clients do), several tags, or <c>*</c>.
/// Parsed by the framework's <see cref="EntityTagHeaderValue"/>.
/// </summary>
public static class ETags
{
    public static string Of(int version) => $"\"{version}\"";

    /// <summary>
    /// Whether a conditional read's <c>If-None-Match</c> names the current tag, or is <c>*</c>: the caller's copy is
    /// current, and the answer is 304 without a body. Weak comparison (RFC 9110, section 13.1.2), so <c>W/"7"</c> and
    /// <c>"7"</c> both match version 7; a header that is not a list of tags matches nothing.
    /// </summary>
    public static bool NoneMatch(string? ifNoneMatch, string current) =>
        !string.IsNullOrWhiteSpace(ifNoneMatch)
        && EntityTagHeaderValue.TryParseList([ifNoneMatch], out var tags)
        && tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Tag.Value == current);

    /// <summary>
    /// Checks an <c>If-Match</c> header against the current version: absent is 428 when required, a tag that is
    /// not the current version (or not a tag at all) is 412. Returns the version the caller named, so the update can
    /// check it again in the database, or null for <c>*</c> and for an absent header that is not required.
    /// </summary>
    public static int? CheckIfMatch(string? ifMatch, int currentVersion, bool required, string resource)
    {
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            return required
                ? throw new PreconditionException($"Send the {resource}'s ETag in If-Match to change it.", missing: true)
                : null;
        }

        if (!EntityTagHeaderValue.TryParseList([ifMatch], out var tags) || tags.Count == 0)
        {
            throw new PreconditionException($"If-Match must be the {resource}'s ETag, e.g. \"3\" or W/\"3\", or *.");
        }

        if (tags.Any(t => t.Equals(EntityTagHeaderValue.Any)))
        {
            return null;
        }

        var current = Of(currentVersion);
        return tags.Any(t => t.Tag.Value == current)
            ? currentVersion
            : throw new PreconditionException($"The {resource} has changed since you read it. Read it again and retry with its new ETag.");
    }
}
