using Clinic.Domain.Common;
using Clinic.Domain.Exercises;
using NodaTime;

namespace Clinic.Domain.Tests.Exercises;

public sealed class ExerciseRuleTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 10, 12, 0);

    [Fact]
    public void A_revision_keeps_the_key_and_what_it_does_not_name()
    {
        var exercise = Custom();

        exercise.Revise(title: "Warm hands", steps: ["Warm your hands.", "  Rest them.  "]);

        Assert.Equal("kind-hands", exercise.Key);
        Assert.Equal("Warm hands", exercise.Title);
        Assert.Equal(["Warm your hands.", "Rest them."], exercise.Steps);
        Assert.Equal([ExerciseTag.InTheMoment, ExerciseTag.Body], exercise.Tags);
        Assert.Equal(2, exercise.DefaultMinutes);
    }

    [Fact]
    public void A_broken_revision_changes_nothing()
    {
        var exercise = Custom();

        var broken = Assert.Throws<DomainException>(() => exercise.Revise(title: "Longer", defaultMinutes: 0));

        Assert.Equal("defaultMinutes", broken.Field);
        Assert.Equal("Kind hands", exercise.Title);
    }

    [Fact]
    public void Thirteen_steps_or_a_blank_one_are_refused_naming_steps()
    {
        Assert.Equal("steps", Assert.Throws<DomainException>(() => Custom(steps: [.. Enumerable.Range(1, 13).Select(i => $"Step {i}")])).Field);
        Assert.Equal("steps", Assert.Throws<DomainException>(() => Custom(steps: ["Breathe.", " "])).Field);
        Assert.Equal(12, Custom(steps: [.. Enumerable.Range(1, 12).Select(i => $"Step {i}")]).Steps.Count);
    }

    [Fact]
    public void Tags_are_kept_once_each_in_a_stable_order()
    {
        var exercise = Custom(tags: [ExerciseTag.Body, ExerciseTag.InTheMoment, ExerciseTag.Body]);

        Assert.Equal([ExerciseTag.InTheMoment, ExerciseTag.Body], exercise.Tags);
    }

    [Fact]
    public void Retiring_twice_keeps_the_first_instant_and_reinstating_clears_it()
    {
        var exercise = Custom();

        exercise.Retire(Now);
        exercise.Retire(Now + Duration.FromDays(1));

        Assert.Equal(Now, exercise.RetiredAt);
        exercise.Reinstate();
        Assert.False(exercise.IsRetired);
    }

    [Fact]
    public void A_built_in_exercise_is_neither_revised_nor_retired()
    {
        var builtIn = Exercise.CreateBuiltIn(Guid.NewGuid(), "soothing-touch", "Soothing Touch", "Touch.", "Touch kindly.", 3);

        Assert.Equal("exercise_built_in", Assert.Throws<ConflictException>(() => builtIn.Revise(title: "Ours")).Rule);
        Assert.Equal("exercise_built_in", Assert.Throws<ConflictException>(() => builtIn.Retire(Now)).Rule);
        Assert.Equal("Soothing Touch", builtIn.Title);
    }

    private static Exercise Custom(IReadOnlyList<string>? steps = null, IReadOnlyCollection<ExerciseTag>? tags = null) => Exercise.CreateCustom(
        Guid.NewGuid(), "kind-hands", "Kind hands", "Warm hands.", "Warm your hands, rest them over your eyes.", 2,
        steps ?? ["Rub your hands.", "Rest them over your eyes."], tags ?? [ExerciseTag.InTheMoment, ExerciseTag.Body]);
}
