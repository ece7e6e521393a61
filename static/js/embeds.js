// Progressive enhancement for article embeds. Without JavaScript, a video
// poster is an ordinary link to the video and spoilers are <details>.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var poster = event.target.closest && event.target.closest(".embed-video .video-poster");
    if (!poster) return;
    var figure = poster.closest(".embed-video");
    var src = figure.getAttribute("data-player");
    if (!src || src.indexOf("https://") !== 0) return;
    event.preventDefault();
    var frame = document.createElement("iframe");
    frame.src = src;
    frame.title = figure.getAttribute("data-title") || "Video";
    frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    frame.allowFullscreen = true;
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    frame.className = "video-frame";
    poster.replaceWith(frame);
    frame.focus();
  });
})();
