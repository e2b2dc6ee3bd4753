using System.Text.Json.Serialization;
using Clinic.Api.Common.Auth;
using Clinic.Domain.Exercises;
using Clinic.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using NodaTime;

namespace Clinic.Api.Features.Exercises;

/// <summary>
/// The practice revises one of its own exercises (absent fields stay as they are), retires it
/// (<c>retired: true</c>: offered for no new assignment, while assignments made before keep it, title and all) or
/// brings it back (<c>retired: false</c>). Built-in exercises cannot be changed (409).
/// </summary>
public sealed record ChangeExerciseCommand(
    string? Title = null,
    string? Summary = null,
    string? Instructions = null,
    int? DefaultMinutes = null,
    IReadOnlyList<string>? Steps = null,
    IReadOnlyList<ExerciseTag>? Tags = null,
    string? Attribution = null,
    bool? Retired = null) : ICommand<ExerciseResponse>
{
    [JsonIgnore]
    public string ExerciseKey { get; init; } = "";

    public bool Revises => Title is not null || Summary is not null || Instructions is not null || DefaultMinutes is not null
        || Steps is not null || Tags is not null || Attribution is not null;
}

public sealed class ChangeExerciseValidator : AbstractValidator<ChangeExerciseCommand>
{
    public ChangeExerciseValidator()
    {
        RuleFor(c => c.Retired)
            .NotNull().When(c => !c.Revises)
            .WithMessage("Send at least one of title, summary, instructions, defaultMinutes, steps, tags, attribution or retired.");
        RuleFor(c => c.Title).NotEmpty().MaximumLength(Exercise.TitleMaxLength).When(c => c.Title is not null);
        RuleFor(c => c.Summary).NotEmpty().MaximumLength(Exercise.SummaryMaxLength).When(c => c.Summary is not null);
        RuleFor(c => c.Instructions).NotEmpty().MaximumLength(Exercise.InstructionsMaxLength).When(c => c.Instructions is not null);
        RuleFor(c => c.DefaultMinutes).InclusiveBetween(1, Exercise.MaxDefaultMinutes);
        this.ValidateGuidance(c => c.Steps, c => c.Tags, c => c.Attribution);
    }
}

public sealed class ChangeExerciseHandler(ClinicDbContext db, Caller caller, IClock clock) : ICommandHandler<ChangeExerciseCommand, ExerciseResponse>
{
    public async ValueTask<ExerciseResponse> Handle(ChangeExerciseCommand command, CancellationToken cancellationToken)
    {
        caller.RequireRole(Access.StaffRoles);
        var exercise = await GetExerciseHandler.VisibleAsync(db, caller, command.ExerciseKey, cancellationToken);
        if (command.Revises)
        {
            exercise.Revise(command.Title, command.Summary, command.Instructions, command.DefaultMinutes, command.Steps, command.Tags, command.Attribution);
        }

        if (command.Retired == true)
        {
            exercise.Retire(clock.GetCurrentInstant());
        }
        else if (command.Retired == false)
        {
            exercise.Reinstate();
        }

        return ExerciseResponse.From(exercise);
    }
}
