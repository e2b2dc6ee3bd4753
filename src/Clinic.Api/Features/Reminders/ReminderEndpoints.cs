using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Clinic.Api.Features.Reminders;

/// <summary>What a client app needs to schedule reminders as local notifications on the phone itself.</summary>
public static class ReminderEndpoints
{
    public static IEndpointRouteBuilder MapReminderEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/me").WithTags("Client app");

        group.MapGet("/reminders", async ([FromQuery] string? from, [FromQuery] string? to, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetMyRemindersQuery(from, to), ct)))
            .WithName("getMyReminders")
            .WithSummary("When to remind me to practise")
            .WithDescription("Clients only. The instants in [from, to) at which the app should schedule local notifications, in order: "
                + "for each assignment with timesOfDay, at those local times on each day it is due (daily: its due days; once: its due date; "
                + "weekly: every day of a 7-day period until the period's count is done), in the client's time zone. A time that does not exist "
                + "that day (clocks jump forward) moves forward by the gap; a time that occurs twice fires once, at its first occurrence. None in quiet hours, "
                + "none once the day's (or period's) count is done or a skip was reported for the day, none while a plan is paused, drafted, completed "
                + "or cancelled, none outside the assignment's dates, and none at all when reminders are turned off. from and to: ISO 8601 instants "
                + "with an offset; from defaults to now, to to 7 days after from; at most 31 days apart. Call again after each completion or skip, "
                + "and daily, and replace every scheduled notification with the answer. No reflection or other client text is included.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/reminder-preferences", async (IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetMyReminderPreferencesQuery(), ct)))
            .WithName("getMyReminderPreferences")
            .WithSummary("My reminder preferences")
            .WithDescription("Clients only. enabled (default true) and quietHours {start, end} (local HH:mm, start included, end excluded; "
                + "may span midnight; null when none). updatedAt is null while the defaults apply.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPut("/reminder-preferences", async (SetMyReminderPreferencesCommand command, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(command, ct)))
            .WithName("setMyReminderPreferences")
            .WithSummary("Set my reminder preferences")
            .WithDescription("Clients only. Replaces the preferences: enabled (required) turns reminders on or off; quietHours {start, end} "
                + "(local HH:mm, e.g. 22:00 to 07:00 across midnight; start and end must differ) or null for none. Sending the same body again "
                + "changes nothing more.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }
}
