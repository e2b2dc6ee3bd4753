using System.Diagnostics;
using Mediator;

namespace Clinic.Api.Common.Behaviours;

/// <summary>Logs each message's type, outcome and duration. Never the message itself: it holds client data.</summary>
public sealed class LoggingBehaviour<TMessage, TResponse>(ILogger<LoggingBehaviour<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            // Debug: the host already logs every request at Information; this adds which use case and how long.
            if (logger.IsEnabled(LogLevel.Debug))
            {
                logger.LogDebug("Handled {Message} in {ElapsedMs:0.0} ms", typeof(TMessage).Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            return response;
        }
        catch (Exception exception)
        {
            logger.LogInformation("{Message} failed with {ExceptionType} after {ElapsedMs:0.0} ms", typeof(TMessage).Name, exception.GetType().Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }
}
