using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Api.Common.Json;
using Clinic.Domain.Reminders;
using Clinic.Infrastructure.Persistence;
using Clinic.Infrastructure.Reminders;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Clinic.Api.Features.Reminders;

/// <summary>Quiet hours on the wire: local times HH:mm, from start (included) to end (excluded); may span midnight.</summary>
public sealed record QuietHoursModel(string Start, string End)
{
    public static QuietHoursModel? From(QuietHours? quietHours) =>
        quietHours is null ? null : new QuietHoursModel(TimeOfDayFormat.Format(quietHours.Start), TimeOfDayFormat.Format(quietHours.End));

    public QuietHours ToQuietHours() => QuietHours.Create(TimeOfDayFormat.Parse(Start), TimeOfDayFormat.Parse(End));
}

/// <summary>How the signed-in client wants to be reminded; <see cref="UpdatedAt"/> is null while they never set anything.</summary>
public sealed record ReminderPreferencesResponse(bool Enabled, QuietHoursModel? QuietHours, Instant? UpdatedAt)
{
    public static ReminderPreferencesResponse From(ReminderPreferences preferences) =>
        new(preferences.Enabled, QuietHoursModel.From(preferences.QuietHours), preferences.UpdatedAt);
}

/// <summary>The signed-in client's reminder preferences, or the defaults (reminded, no quiet hours).</summary>
public sealed record GetMyReminderPreferencesQuery : IQuery<ReminderPreferencesResponse>;

/// <summary>
/// Replaces the signed-in client's reminder preferences: reminders on or off, and quiet hours (absent or null: none).
/// A PUT, so sending it again changes nothing more.
/// </summary>
public sealed record SetMyReminderPreferencesCommand(bool Enabled, QuietHoursModel? QuietHours = null) : ICommand<ReminderPreferencesResponse>;

public sealed class SetMyReminderPreferencesValidator : AbstractValidator<SetMyReminderPreferencesCommand>
{
    public SetMyReminderPreferencesValidator()
    {
        When(c => c.QuietHours is not null, () =>
        {
            RuleFor(c => c.QuietHours!.Start).Must(TimeOfDayFormat.IsValid).WithMessage("quietHours.start " + TimeOfDayFormat.Message).OverridePropertyName("quietHours.start");
            RuleFor(c => c.QuietHours!.End).Must(TimeOfDayFormat.IsValid).WithMessage("quietHours.end " + TimeOfDayFormat.Message).OverridePropertyName("quietHours.end");
            RuleFor(c => c.QuietHours!.End)
                .Must((c, end) => QuietHours.Problem(TimeOfDayFormat.Parse(c.QuietHours!.Start), TimeOfDayFormat.Parse(end)) is null)
                .When(c => TimeOfDayFormat.IsValid(c.QuietHours!.Start) && TimeOfDayFormat.IsValid(c.QuietHours!.End))
                .WithMessage(c => QuietHours.Problem(TimeOfDayFormat.Parse(c.QuietHours!.Start), TimeOfDayFormat.Parse(c.QuietHours!.End))!)
                .OverridePropertyName("quietHours.end");
        });
    }
}

public sealed class GetMyReminderPreferencesHandler(ClinicDbContext db, Access access, Caller caller, AuditTrail audit)
    : IQueryHandler<GetMyReminderPreferencesQuery, ReminderPreferencesResponse>
{
    public async ValueTask<ReminderPreferencesResponse> Handle(GetMyReminderPreferencesQuery query, CancellationToken cancellationToken)
    {
        caller.RequireRole(Roles.Client);
        var client = await access.ClientAsync(caller.SubjectGuid, cancellationToken);
        var preferences = await db.ReminderPreferences.AsNoTracking().FirstOrDefaultAsync(p => p.ClientId == client.Id, cancellationToken)
            ?? ReminderPreferences.Default(client.Id);
        await audit.RecordReadAsync("reminder_preferences.read", "client", client.Id, client.Id, cancellationToken);
        return ReminderPreferencesResponse.From(preferences);
    }
}

public sealed class SetMyReminderPreferencesHandler(ClinicDbContext db, Access access, Caller caller, AuditTrail audit, IClock clock)
    : ICommandHandler<SetMyReminderPreferencesCommand, ReminderPreferencesResponse>
{
    public async ValueTask<ReminderPreferencesResponse> Handle(SetMyReminderPreferencesCommand command, CancellationToken cancellationToken)
    {
        caller.RequireRole(Roles.Client);
        var client = await access.ClientAsync(caller.SubjectGuid, cancellationToken);

        // A PUT replaces the preferences whole, so nothing of the stored ones needs reading first.
        var preferences = ReminderPreferences.Default(client.Id);
        preferences.Change(command.Enabled, command.QuietHours?.ToQuietHours(), clock.GetCurrentInstant());
        await ReminderPreferencesStore.UpsertAsync(db, preferences, cancellationToken);
        audit.Record("reminder_preferences.update", "client", client.Id, client.Id);
        return ReminderPreferencesResponse.From(preferences);
    }
}
