using System.Text.RegularExpressions;
using Clinic.Domain.Common;
using NodaTime;

namespace Clinic.Domain.Exercises;

/// <summary>What an exercise is good for, so an app can offer the right one at the right time.</summary>
public enum ExerciseTag
{
    /// <summary>Can be done on the spot, in a hard moment.</summary>
    InTheMoment,

    /// <summary>Suits a daily practice.</summary>
    Daily,

    /// <summary>Suits the end of the day.</summary>
    Evening,

    /// <summary>Done by writing.</summary>
    Writing,

    /// <summary>Works through the body: breath, touch, movement.</summary>
    Body,
}

/// <summary>
/// A self-compassion practice a therapist can assign, with what an app needs to guide it: ordered steps to show or
/// read aloud, a typical duration (<see cref="DefaultMinutes"/>), tags and the source it follows. Built-in exercises
/// have no practice, are visible to all and are changed only by a release; custom ones belong to the practice that
/// wrote it, which may revise and retire them. Keys are unique within what a practice can see and never change.
/// </summary>
public sealed partial class Exercise : Entity
{
    public const int KeyMaxLength = 64;
    public const int TitleMaxLength = 200;
    public const int SummaryMaxLength = 1000;
    public const int InstructionsMaxLength = 8000;
    public const int MaxDefaultMinutes = 240;
    public const int MaxSteps = 12;
    public const int StepMaxLength = 500;
    public const int AttributionMaxLength = 300;

    // Stored as text[]; tags by their enum names.
    private string[] _steps = [];
    private string[] _tags = [];

    private Exercise(Guid id, Guid? practiceId, string key, string title, string summary, string instructions, int defaultMinutes)
        : base(id)
    {
        PracticeId = practiceId;
        Key = key;
        Title = title;
        Summary = summary;
        Instructions = instructions;
        DefaultMinutes = defaultMinutes;
    }

    public Guid? PracticeId { get; private set; }

    public string Key { get; private set; }

    public string Title { get; private set; }

    public string Summary { get; private set; }

    public string Instructions { get; private set; }

    /// <summary>How long the practice typically takes, in minutes.</summary>
    public int DefaultMinutes { get; private set; }

    /// <summary>Short texts, in order, that an app shows one at a time or reads aloud. May be empty for an older custom exercise.</summary>
    public IReadOnlyList<string> Steps => _steps;

    public IReadOnlyList<ExerciseTag> Tags => [.. _tags.Select(Enum.Parse<ExerciseTag>)];

    /// <summary>The tradition or source the practice follows, e.g. "Mindful Self-Compassion (Neff and Germer)".</summary>
    public string? Attribution { get; private set; }

    /// <summary>When the practice retired it: it is offered for no new assignment, and assignments made before keep it.</summary>
    public Instant? RetiredAt { get; private set; }

    public bool IsRetired => RetiredAt is not null;

    public bool IsBuiltIn => PracticeId is null;

    public static bool IsValidKey(string? key) => key is not null && key.Length <= KeyMaxLength && KeyPattern().IsMatch(key);

    public static Exercise CreateCustom(
        Guid practiceId,
        string key,
        string title,
        string summary,
        string instructions,
        int defaultMinutes,
        IReadOnlyList<string>? steps = null,
        IReadOnlyCollection<ExerciseTag>? tags = null,
        string? attribution = null) =>
        Create(NewId(), practiceId, key, title, summary, instructions, defaultMinutes, steps, tags, attribution);

    public static Exercise CreateBuiltIn(
        Guid id,
        string key,
        string title,
        string summary,
        string instructions,
        int defaultMinutes,
        IReadOnlyList<string>? steps = null,
        IReadOnlyCollection<ExerciseTag>? tags = null,
        string? attribution = null) =>
        Create(id, null, key, title, summary, instructions, defaultMinutes, steps, tags, attribution);

    /// <summary>
    /// The practice rewrites its own exercise; absent values stay as they are. The key stays, so assignments and
    /// completions keep naming it; assignments keep the title they were given.
    /// </summary>
    public void Revise(
        string? title = null,
        string? summary = null,
        string? instructions = null,
        int? defaultMinutes = null,
        IReadOnlyList<string>? steps = null,
        IReadOnlyCollection<ExerciseTag>? tags = null,
        string? attribution = null)
    {
        EnsureCustom("changed");
        var revised = Create(Id, PracticeId, Key, title ?? Title, summary ?? Summary, instructions ?? Instructions, defaultMinutes ?? DefaultMinutes,
            steps ?? _steps, tags ?? Tags, attribution ?? Attribution);
        (Title, Summary, Instructions, DefaultMinutes, _steps, _tags, Attribution) =
            (revised.Title, revised.Summary, revised.Instructions, revised.DefaultMinutes, revised._steps, revised._tags, revised.Attribution);
    }

    /// <summary>Takes the exercise out of the library for new assignments; retiring it again changes nothing.</summary>
    public void Retire(Instant now)
    {
        EnsureCustom("retired");
        RetiredAt ??= now;
    }

    /// <summary>Puts a retired exercise back into the library.</summary>
    public void Reinstate()
    {
        EnsureCustom("reinstated");
        RetiredAt = null;
    }

    /// <summary>
    /// The rule for steps, stated once (the API's validator reports it, this type enforces it): at most
    /// <see cref="MaxSteps"/>, each a non-blank text of at most <see cref="StepMaxLength"/> characters. Null when kept.
    /// </summary>
    public static string? StepsProblem(IReadOnlyList<string?> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Count > MaxSteps)
        {
            return $"steps holds at most {MaxSteps} steps.";
        }

        return steps.Any(s => string.IsNullOrWhiteSpace(s) || s.Trim().Length > StepMaxLength)
            ? $"Each step is a text of 1 to {StepMaxLength} characters."
            : null;
    }

    private static Exercise Create(
        Guid id,
        Guid? practiceId,
        string key,
        string title,
        string summary,
        string instructions,
        int defaultMinutes,
        IReadOnlyList<string>? steps,
        IReadOnlyCollection<ExerciseTag>? tags,
        string? attribution)
    {
        if (!IsValidKey(key))
        {
            throw new DomainException("invalid_key", "key must be lower-case letters, digits and hyphens.", "key");
        }

        if (defaultMinutes is < 1 or > MaxDefaultMinutes)
        {
            throw new DomainException("out_of_range", $"defaultMinutes must be between 1 and {MaxDefaultMinutes}.", "defaultMinutes");
        }

        steps ??= [];
        if (StepsProblem(steps) is { } problem)
        {
            throw new DomainException("invalid_steps", problem, "steps");
        }

        tags ??= [];
        if (tags.Any(t => !Enum.IsDefined(t)))
        {
            throw new DomainException("invalid_tag", "tags may only name known tags.", "tags");
        }

        return new Exercise(
            id,
            practiceId,
            key,
            Guard.Text(title, "title", TitleMaxLength),
            Guard.Text(summary, "summary", SummaryMaxLength),
            Guard.Text(instructions, "instructions", InstructionsMaxLength),
            defaultMinutes)
        {
            _steps = [.. steps.Select(s => s.Trim())],
            _tags = [.. tags.Distinct().Order().Select(t => t.ToString())],
            Attribution = Guard.OptionalText(attribution, "attribution", AttributionMaxLength),
        };
    }

    private void EnsureCustom(string verb)
    {
        if (IsBuiltIn)
        {
            throw new ConflictException(
                "exercise_built_in",
                $"A built-in exercise belongs to the shared library and cannot be {verb}; add your own with another key instead.");
        }
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KeyPattern();
}
