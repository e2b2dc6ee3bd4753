using Clinic.Domain.Exercises;

namespace Clinic.Api.Features.Exercises;

/// <summary>
/// An exercise of the library with what an app needs to guide it: <see cref="Steps"/> in order (shown one at a time
/// or read aloud), <see cref="DefaultMinutes"/> (the typical duration), <see cref="Tags"/> and the source it follows.
/// </summary>
public sealed record ExerciseResponse(
    Guid Id,
    string Key,
    string Title,
    string Summary,
    string Instructions,
    int DefaultMinutes,
    bool BuiltIn,
    IReadOnlyList<string> Steps,
    IReadOnlyList<ExerciseTag> Tags,
    string? Attribution,
    bool Retired)
{
    public static ExerciseResponse From(Exercise e) =>
        new(e.Id, e.Key, e.Title, e.Summary, e.Instructions, e.DefaultMinutes, e.IsBuiltIn, e.Steps, e.Tags, e.Attribution, e.IsRetired);
}
