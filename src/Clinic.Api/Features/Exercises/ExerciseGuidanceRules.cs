using System.Linq.Expressions;
using Clinic.Domain.Exercises;
using FluentValidation;

namespace Clinic.Api.Features.Exercises;

/// <summary>
/// The shape of an exercise's guidance as sent (steps, tags, attribution), shared by creating and changing an
/// exercise. The rule for steps is the domain's own (<see cref="Exercise.StepsProblem"/>).
/// </summary>
public static class ExerciseGuidanceRules
{
    public static void ValidateGuidance<T>(
        this AbstractValidator<T> validator,
        Expression<Func<T, IReadOnlyList<string>?>> steps,
        Expression<Func<T, IEnumerable<ExerciseTag>?>> tags,
        Expression<Func<T, string?>> attribution)
    {
        validator.RuleFor(steps)
            .Must(s => s is null || Exercise.StepsProblem(s) is null)
            .WithMessage((_, s) => Exercise.StepsProblem(s!)!);
        validator.RuleForEach(tags!).IsInEnum();
        validator.RuleFor(tags)
            .Must(t => t is null || t.Distinct().Count() == t.Count())
            .WithMessage("tags must not repeat a tag.");
        validator.RuleFor(attribution).MaximumLength(Exercise.AttributionMaxLength);
    }
}
