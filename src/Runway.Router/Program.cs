// Placeholder until the router lands (issue 4): the project must build.
Console.Error.WriteLine("Runway.Router is not yet available.");
return 1;
