// Start-up and payload reference of scripts/bench-web.sh: the issue's "bare ImGui 1.90.1 +
// md4c + nlohmann-json + GLFW module built with -Oz -flto", stock everywhere: Emscripten's
// GLFW, ImGui's GLFW and OpenGL3 backends, its built-in bitmap font. It parses a little
// Markdown and JSON (so both libraries are linked in), shows them in a window with a text
// box, and marks its first frame as the widget does (performance.mark 'press-first-frame').
#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <md4c.h>

#include <nlohmann/json.hpp>
#include <string>

namespace {

GLFWwindow* g_window = nullptr;
std::string g_text;
int g_frames = 0;

int count_block(MD_BLOCKTYPE, void*, void* userdata) {
  ++*static_cast<int*>(userdata);
  return 0;
}
int no_block(MD_BLOCKTYPE, void*, void*) { return 0; }
int no_span(MD_SPANTYPE, void*, void*) { return 0; }
int no_text(MD_TEXTTYPE, const MD_CHAR*, MD_SIZE, void*) { return 0; }

void frame() {
  glfwPollEvents();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
  ImGui::Begin("reference", nullptr, ImGuiWindowFlags_NoDecoration);
  ImGui::TextUnformatted("Bare ImGui + md4c + nlohmann-json + GLFW");
  static char buffer[4096] = "Type here";
  ImGui::InputTextMultiline("##text", buffer, sizeof buffer, ImVec2(-1, 200));
  ImGui::TextUnformatted(g_text.c_str());
  ImGui::End();
  ImGui::Render();
  int width = 0, height = 0;
  glfwGetFramebufferSize(g_window, &width, &height);
  glViewport(0, 0, width, height);
  glClearColor(1, 1, 1, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  if (++g_frames == 1) EM_ASM(performance.mark('press-first-frame'));
}

}  // namespace

int main() {
  // Setup
  if (!glfwInit()) return 1;
  g_window = glfwCreateWindow(1280, 800, "reference", nullptr, nullptr);
  if (!g_window) return 1;
  glfwMakeContextCurrent(g_window);
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  ImGui_ImplGlfw_InitForOpenGL(g_window, true);
  ImGui_ImplOpenGL3_Init("#version 300 es");

  const std::string markdown = "# Title\n\nA paragraph with *emphasis*.\n\n- one\n- two\n";
  int blocks = 0;
  MD_PARSER parser = {0, MD_DIALECT_GITHUB, count_block, no_block, no_span, no_span, no_text, nullptr, nullptr};
  md_parse(markdown.data(), MD_SIZE(markdown.size()), &parser, &blocks);
  const nlohmann::json j = nlohmann::json::parse(R"({"title":"reference","blocks":0})", nullptr, false);
  g_text = "Markdown blocks: " + std::to_string(blocks) + ", JSON: " + j.dump();

  // Main loop
  emscripten_set_main_loop(frame, 0, false);
  return 0;
}
