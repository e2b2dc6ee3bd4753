// Small enhancements of the therapist's pages; every page works and prints without them. Loaded as a file: the
// pages' Content-Security-Policy allows no inline script.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // Print the sheet (the print stylesheet lays it out on one page).
  for (const button of document.querySelectorAll("[data-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }

  // Each chart's table of numbers is always there for screen readers; this shows it on screen too.
  for (const button of document.querySelectorAll(".toggle-numbers")) {
    const numbers = document.getElementById(button.getAttribute("aria-controls"));
    if (!numbers) continue;
    button.hidden = false;
    button.addEventListener("click", () => {
      const shown = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", String(shown));
      numbers.classList.toggle("visually-hidden", !shown);
      button.textContent = shown ? "Hide the numbers" : "Show the numbers";
    });
  }
});
