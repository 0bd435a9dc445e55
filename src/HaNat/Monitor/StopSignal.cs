using System.Linq.Expressions;
using System.Reflection;

namespace HaNat.Monitor
{
    /// <summary>
    /// Turns SIGTERM into a clean stop. pwsh 7.6 leaves SIGTERM to .NET's default, which ends the process at once
    /// with exit code 143 and runs no `finally`. .NET 6+ has PosixSignalRegistration, but this module targets
    /// netstandard2.0, so it is bound by reflection: the handler cancels the default (so the process lives on),
    /// and calls back; the monitor then stops its loop and the command returns, and pwsh exits 0. Where the API
    /// is missing (an older runtime), AppDomain.ProcessExit is the fallback: it calls back too and waits briefly
    /// for the loop to end.
    /// </summary>
    internal sealed class StopSignal : IDisposable
    {
        private readonly IDisposable? _registration;
        private readonly EventHandler? _processExit;

        private StopSignal(IDisposable? registration, EventHandler? processExit)
        {
            _registration = registration;
            _processExit = processExit;
        }

        /// <summary>Whether SIGTERM is handled by cancelling the default (true) or only seen at process exit.</summary>
        public bool Cancellable => _registration != null;

        /// <param name="onSignal">Called on a signal thread; must only request the stop.</param>
        /// <param name="waitForStop">Called by the ProcessExit fallback: blocks until the loop has ended (bounded).</param>
        public static StopSignal Register(Action onSignal, Action waitForStop)
        {
            var registration = TryRegisterPosix("SIGTERM", onSignal);
            if (registration != null) return new StopSignal(registration, null);
            EventHandler handler = (_, __) =>
            {
                onSignal();
                waitForStop();
            };
            AppDomain.CurrentDomain.ProcessExit += handler;
            return new StopSignal(null, handler);
        }

        private static IDisposable? TryRegisterPosix(string signalName, Action onSignal)
        {
            const string Assembly = ", System.Runtime.InteropServices";
            var registrationType = Type.GetType("System.Runtime.InteropServices.PosixSignalRegistration" + Assembly);
            var signalType = Type.GetType("System.Runtime.InteropServices.PosixSignal" + Assembly);
            var contextType = Type.GetType("System.Runtime.InteropServices.PosixSignalContext" + Assembly);
            if (registrationType == null || signalType == null || contextType == null) return null;
            var handlerType = typeof(Action<>).MakeGenericType(contextType);
            var create = registrationType.GetMethod("Create", BindingFlags.Public | BindingFlags.Static, null, new[] { signalType, handlerType }, null);
            var cancel = contextType.GetProperty("Cancel");
            if (create == null || cancel == null) return null;

            // context => { context.Cancel = true; onSignal(); }
            var context = Expression.Parameter(contextType, "context");
            var body = Expression.Block(
                Expression.Assign(Expression.Property(context, cancel), Expression.Constant(true)),
                Expression.Invoke(Expression.Constant(onSignal)));
            var handler = Expression.Lambda(handlerType, body, context).Compile();
            try
            {
                return create.Invoke(null, new object[] { Enum.Parse(signalType, signalName), handler }) as IDisposable;
            }
            catch (TargetInvocationException)
            {
                return null; // the platform does not support the signal
            }
        }

        public void Dispose()
        {
            _registration?.Dispose();
            if (_processExit != null) AppDomain.CurrentDomain.ProcessExit -= _processExit;
        }
    }
}
