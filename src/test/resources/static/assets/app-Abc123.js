console.log("stand-in asset");
