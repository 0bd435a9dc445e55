using System.Runtime.InteropServices;
using HaNat;
using HaNat.Aws;
using HaNat.Monitor;

namespace HaNat.MonitorHost;

/// <summary>
/// hanat-monitor: Start-HaNatMonitor without pwsh. The arguments are the cmdlet's (MonitorCommandLine); the start,
/// SIGTERM's handover, the loop and the stop event are the cmdlet's own code (MonitorStart). Exit codes: 0 stopped as
/// asked (a handover, IMDS saying the NAT leaves, -Once), 1 a failure (the unit restarts it), 2 bad arguments,
/// 130 Ctrl+C.
/// </summary>
internal static class Program
{
    private const string Name = "hanat-monitor";

    private static int Main(string[] args)
    {
        MonitorCommandLine line;
        try
        {
            line = MonitorCommandLine.Parse(args);
            if (line.Help)
            {
                Console.Out.Write(MonitorCommandLine.Usage);
                return 0;
            }
            // What was typed is checked before anything is asked of IMDS or AWS.
            EndpointResolver.Resolve(line.Session.EndpointUrl, "EC2");
            CredentialResolver.CheckInputs(line.Session);
        }
        catch (HaNatException ex)
        {
            return Report(ex, 2);
        }
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            return Report(new HaNatException("NotLinux", HaNatErrorKind.InvalidOperation, $"{Name} runs on a HaNat NAT instance, which runs Linux."), 2);
        }

        using var stop = new CancellationTokenSource();
        // Ctrl+C ends it at once, as it ends Start-HaNatMonitor (no handover: that is SIGTERM's).
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        var verbose = line.Monitor.LogAwsCalls ? (Action<string>)(text => Console.Out.WriteLine("VERBOSE: " + text)) : _ => { };
        var start = new MonitorStart(line.Monitor, new MonitorLog(Console.Out), verbose);
        try
        {
            var local = start.Identify(stop.Token);
            var session = SessionResolver.Resolve(line.Session, () => local.Region, new AwsCallLog(), stop.Token);
            var options = start.OptionsFor(local, start.TagOf(session, local.InstanceId));
            var reason = start.Run(options, session, stop.Token, stop.Cancel);
            return reason == "stopped" && stop.IsCancellationRequested ? 130 : 0;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 130;
        }
        catch (HaNatException ex)
        {
            return Report(ex.ErrorId == InstanceMetadataClient.NotOnInstance || ex.ErrorId == InstanceMetadataClient.MetadataDisabled
                ? new HaNatException(ex.ErrorId, ex.Kind, ex.Message + $" {Name} watches the NAT it runs on: it runs on a HaNat NAT instance (its hanat-monitor unit starts it at boot).", ex.InnerException)
                : ex, 1);
        }
    }

    /// <summary>One line on stderr (the journal): the error id, its category, and what to do.</summary>
    private static int Report(HaNatException ex, int exitCode)
    {
        Console.Error.WriteLine($"{Name}: error {ex.ErrorId} ({ex.Kind}): {ex.Message}");
        return exitCode;
    }

}
