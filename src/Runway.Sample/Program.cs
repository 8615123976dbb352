// Placeholder until the router lands (issue 4): the project must build.
Console.Error.WriteLine("Runway.Sample is not yet available.");
return 1;
