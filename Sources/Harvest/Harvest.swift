// Harvest module: see the files beside this one.
