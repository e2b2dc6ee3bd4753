using System.Text.RegularExpressions;
using Clinic.Domain.Common;

namespace Clinic.Domain.Exercises;

/// <summary>
/// A self-compassion practice a therapist can assign. Built-in exercises have no practice and are visible to
/// all; custom ones belong to the practice that wrote them. Keys are unique within what a practice can see.
/// </summary>
public sealed partial class Exercise : Entity
{
    public const int KeyMaxLength = 64;
    public const int TitleMaxLength = 200;
    public const int SummaryMaxLength = 1000;
    public const int InstructionsMaxLength = 8000;
    public const int MaxDefaultMinutes = 240;

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

    public int DefaultMinutes { get; private set; }

    public bool IsBuiltIn => PracticeId is null;

    public static bool IsValidKey(string? key) => key is not null && key.Length <= KeyMaxLength && KeyPattern().IsMatch(key);

    public static Exercise CreateCustom(Guid practiceId, string key, string title, string summary, string instructions, int defaultMinutes) =>
        Create(NewId(), practiceId, key, title, summary, instructions, defaultMinutes);

    public static Exercise CreateBuiltIn(Guid id, string key, string title, string summary, string instructions, int defaultMinutes) =>
        Create(id, null, key, title, summary, instructions, defaultMinutes);

    private static Exercise Create(Guid id, Guid? practiceId, string key, string title, string summary, string instructions, int defaultMinutes)
    {
        if (!IsValidKey(key))
        {
            throw new DomainException("invalid_key", "key must be lower-case letters, digits and hyphens.", "key");
        }

        if (defaultMinutes is < 1 or > MaxDefaultMinutes)
        {
            throw new DomainException("out_of_range", $"defaultMinutes must be between 1 and {MaxDefaultMinutes}.", "defaultMinutes");
        }

        return new Exercise(
            id,
            practiceId,
            key,
            Guard.Text(title, "title", TitleMaxLength),
            Guard.Text(summary, "summary", SummaryMaxLength),
            Guard.Text(instructions, "instructions", InstructionsMaxLength),
            defaultMinutes);
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KeyPattern();
}
