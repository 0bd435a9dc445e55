namespace HaNat.Aws.Query
{
    /// <summary>
    /// Turns a request into its Query parameters, each member under its own name (<see cref="QueryMembers"/>):
    /// text, numbers and booleans as they are, a time in ISO 8601 UTC, a list of text as <c>Name.member.N</c>, a list of structures as
    /// <c>Name.member.N.Field</c>, a structure as <c>Name.Field</c>. An unset (null) member is not sent.
    /// </summary>
    internal static class QueryForm
    {
        public static QueryParameters Of(object request)
        {
            var parameters = new QueryParameters();
            Write(parameters, request);
            return parameters;
        }

        private static void Write(QueryParameters parameters, object item)
        {
            foreach (var member in QueryMembers.Of(item.GetType()))
            {
                var name = member.Name;
                switch (member.GetValue(item))
                {
                    case null:
                        break;
                    case string text:
                        parameters.Add(name, text);
                        break;
                    case int number:
                        parameters.Add(name, number);
                        break;
                    case bool flag:
                        parameters.Add(name, flag);
                        break;
                    case double real:
                        parameters.Add(name, real);
                        break;
                    case DateTime time:
                        parameters.Add(name, time);
                        break;
                    case IEnumerable<string> texts:
                        parameters.AddList(name, texts);
                        break;
                    case IEnumerable<object> structures:
                        parameters.AddList(name, structures, Write);
                        break;
                    case object structure:
                        parameters.AddStruct(name, structure, Write);
                        break;
                }
            }
        }
    }
}
