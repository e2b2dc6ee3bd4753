using Clinic.Api.Common.Auth;
using Clinic.Domain.Common;
using Clinic.Domain.Exercises;
using Clinic.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Exercises;

/// <summary>
/// Adds a custom exercise, visible only to the caller's practice, with the same guidance fields as the built-in
/// ones: ordered steps, tags and an attribution (all optional).
/// </summary>
public sealed record CreateExerciseCommand(
    string Key,
    string Title,
    string Summary,
    string Instructions,
    int DefaultMinutes,
    IReadOnlyList<string>? Steps = null,
    IReadOnlyList<ExerciseTag>? Tags = null,
    string? Attribution = null) : ICommand<ExerciseResponse>;

public sealed class CreateExerciseValidator : AbstractValidator<CreateExerciseCommand>
{
    public CreateExerciseValidator()
    {
        RuleFor(c => c.Key).NotEmpty().MaximumLength(Exercise.KeyMaxLength)
            .Must(Exercise.IsValidKey).WithMessage("key must be lower-case letters, digits and single hyphens, e.g. \"kind-morning-note\".");
        RuleFor(c => c.Title).NotEmpty().MaximumLength(Exercise.TitleMaxLength);
        RuleFor(c => c.Summary).NotEmpty().MaximumLength(Exercise.SummaryMaxLength);
        RuleFor(c => c.Instructions).NotEmpty().MaximumLength(Exercise.InstructionsMaxLength);
        RuleFor(c => c.DefaultMinutes).InclusiveBetween(1, Exercise.MaxDefaultMinutes);
        this.ValidateGuidance(c => c.Steps, c => c.Tags, c => c.Attribution);
    }
}

public sealed class CreateExerciseHandler(ClinicDbContext db, Caller caller) : ICommandHandler<CreateExerciseCommand, ExerciseResponse>
{
    public async ValueTask<ExerciseResponse> Handle(CreateExerciseCommand command, CancellationToken cancellationToken)
    {
        caller.RequireRole(Access.StaffRoles);
        var practiceId = caller.Practice;
        var taken = await db.Exercises.AnyAsync(e => e.Key == command.Key && (e.PracticeId == null || e.PracticeId == practiceId), cancellationToken);
        if (taken)
        {
            throw new ConflictException("exercise_key_taken", $"An exercise with key '{command.Key}' already exists.", "key");
        }

        var exercise = Exercise.CreateCustom(
            practiceId, command.Key, command.Title, command.Summary, command.Instructions, command.DefaultMinutes, command.Steps, command.Tags, command.Attribution);
        db.Exercises.Add(exercise);
        return ExerciseResponse.From(exercise);
    }
}
